import { ATTACK_KIND_NAMES, ATTACK_KINDS } from '../../../../contracts/attack-kinds.ts';
import { describeField } from '../../../../contracts/field-spec.ts';
import { ATTACK_FIELD_FLAGS, ATTACK_FLAGS, parseAttackStart } from '../attack-args.ts';
import { startAttack, readAttack, stopAttack, type AttackStatus } from '../../chaos/attacks/attack-control.ts';
import { planAttack } from '../../chaos/attacks/attack-plan.ts';
import { AttackStore } from '../../chaos/attacks/attack-store.ts';
import { loadLabPlan } from '../../lab/lab-plan.ts';
import { usageError } from '../args.ts';
import { defineCommand, JSON_FLAG, LAB_FLAG, type FlagSpec } from '../command.ts';
import { connectRuntime, DEFAULT_TOPOLOGY, resolveLab } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { renderTable } from '../table.ts';

const FLAGS = {
  kind: { type: 'string', value: 'KIND', help: `attack start: ${ATTACK_KIND_NAMES.join(', ')}` },
  ...ATTACK_FIELD_FLAGS,
  from: { type: 'string', value: 'BOTNET[,BOTNET]', help: 'attack start: the botnets to attack from, or all (default)' },
  id: { type: 'string', value: 'ID', help: 'attack start: name the attack (default attack-N)' },
  all: { type: 'boolean', help: 'attack stop: every attack of the lab' },
  topology: { type: 'string', value: 'FILE', help: `topology the lab was brought up from (default ${DEFAULT_TOPOLOGY})` },
  pool: { type: 'string', value: 'CIDR', help: 'address pool the lab was brought up with (default: read from the running lab)' },
  ...LAB_FLAG,
  ...JSON_FLAG,
} as const satisfies Record<string, FlagSpec>;

function kindsTable(): string {
  return ATTACK_KIND_NAMES.map((kind) => {
    const spec = ATTACK_KINDS[kind];
    const fields = Object.entries(spec.fields).map(([name, f]) => `      --${name} ${describeField(f)}`);
    return `  ${kind}: ${spec.description}\n${fields.join('\n')}`;
  }).join('\n');
}

function statusRow(s: AttackStatus): Record<string, unknown> {
  const { record, totals } = s;
  return {
    id: record.id,
    kind: record.kind,
    from: record.from,
    rate: record.rate,
    started: new Date(record.startedAtMs).toISOString(),
    for_ms: record.durationMs,
    state: s.done ? 'finished' : 'running',
    bots: record.jobs.length,
    sent: totals.sent,
    ok: totals.ok,
    blocked: totals.blocked,
    errors: totals.errors,
    timeouts: totals.timeouts,
    pops: totals.byPop,
    unreadable: s.unreadable,
  };
}

export const attackCommand = defineCommand({
  name: 'attack',
  summary: 'start attack traffic from the bots, list running and finished attacks with their counters, stop them',
  usage: 'start --kind KIND --rate 2000/s --for 30s [--from BOTNET,...|all] [--sources N] [--path /obj/1]\nlist\nstop ID...|--all',
  flags: FLAGS,
  details: `Every attack stops by itself after --for; the rate is split over the chosen bots. Attacks are aimed
only at the lab's anycast service address. Kinds, their fields and bounds:\n${kindsTable()}`,
  async run({ values, positionals }) {
    const [sub, ...rest] = positionals;
    const runtime = await connectRuntime();
    const lab = await resolveLab(runtime, values.lab);
    const store = new AttackStore(lab);
    if (sub === 'start') {
      if (rest.length > 0) throw usageError('attack', `attack start takes flags only, not ${rest.join(' ')}`);
      const fields = Object.fromEntries([...ATTACK_FLAGS].map((name) => [name, (values as Record<string, unknown>)[name]]));
      const { settings, from } = parseAttackStart(values.kind, fields, values.from);
      const kind = settings.kind;
      const plan = await loadLabPlan(runtime, values.topology ?? DEFAULT_TOPOLOGY, { lab, ...(values.pool ? { pool: values.pool } : {}) });
      const attack = planAttack(plan, settings, from);
      const { id } = await startAttack(store, attack, settings['rate'] as number, values.id);
      if (values.json) process.stdout.write(`${JSON.stringify({ id, kind, from: attack.from, bots: attack.bots.map((b) => ({ node: b.node, rps: b.params.rps })), for_ms: attack.durationMs })}\n`);
      else process.stdout.write(`${id}: ${kind} from ${attack.bots.length} bots (${attack.from.join(', ')}) for ${attack.durationMs / 1000}s; stops by itself\n`);
      return EXIT.ok;
    }
    if (sub === 'list') {
      const statuses = await Promise.all((await store.list()).map((record) => readAttack(record)));
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ lab, attacks: statuses.map(statusRow) }, null, 2)}\n`);
      } else if (statuses.length === 0) {
        process.stdout.write(`lab ${lab}: no attack started\n`);
      } else {
        const rows = statuses.map((s) => {
          const r = statusRow(s);
          const pops = Object.entries(s.totals.byPop).map(([pop, at]) => `${pop} ${at.received}/${at.blocked}`).join(' ');
          return [s.record.id, s.record.kind, s.record.from.join(','), String(r['state']), String(r['sent']), String(r['ok']), String(r['blocked']), String(r['errors']), String(r['timeouts']), pops || '-'];
        });
        process.stdout.write(`${renderTable(['id', 'kind', 'from', 'state', 'sent', 'ok', 'blocked', 'errors', 'timeouts', 'pop received/blocked'], rows)}\n`);
      }
      return EXIT.ok;
    }
    if (sub === 'stop') {
      const records = await store.list();
      if (!values.all && rest.length === 0) throw usageError('attack', 'attack stop: name attack ids, or --all');
      const unknown = rest.filter((id) => !records.some((r) => r.id === id));
      if (unknown.length > 0) throw usageError('attack', `no attack ${unknown.join(', ')} in lab ${lab} (see \`anycast-lab attack list\`)`);
      const chosen = values.all ? records : records.filter((r) => rest.includes(r.id));
      await Promise.all(chosen.map((record) => stopAttack(record)));
      for (const r of chosen) process.stdout.write(`stopped ${r.id}\n`);
      if (chosen.length === 0) process.stdout.write(`lab ${lab}: no attack started\n`);
      return EXIT.ok;
    }
    throw usageError('attack', 'expected `attack start`, `attack list` or `attack stop`');
  },
});
