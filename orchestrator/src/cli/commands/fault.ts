import { FaultController, revertRecordedFaults, type InjectedFault } from '../../chaos/faults/fault-controller.ts';
import { FaultStore, type FaultRecord } from '../../chaos/faults/fault-store.ts';
import { checkLabMatches, loadLabPlan } from '../../lab/lab-plan.ts';
import { formatMs } from '../../../../contracts/units.ts';
import { REPAIR_KINDS, type FaultKind } from '../../faults/registry.ts';
import type { ContainerRuntime } from '../../runtime/runtime.ts';
import { defineCommand, JSON_FLAG, LAB_FLAG } from '../command.ts';
import { connectRuntime, DEFAULT_TOPOLOGY, resolveLab } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { FAULT_FIELD_FLAGS, FAULT_USAGE, parseFaultArgs, type FaultFlags } from '../fault-args.ts';
import { abortOnInterrupt } from '../interrupt.ts';
import { renderTable } from '../table.ts';

function describeInjected(fault: InjectedFault, askedAtMs: number): string {
  const when = `${new Date(fault.atMs).toISOString()} (${formatMs(Math.max(0, fault.atMs - askedAtMs))} after it was asked for)`;
  if (fault.repaired.length > 0) return `${fault.kind} ${fault.target}: done at ${when}; no longer in force: ${fault.repaired.join(', ')}\n`;
  if (REPAIR_KINDS.has(fault.kind as FaultKind)) return `${fault.kind} ${fault.target}: done at ${when}\n`;
  return `fault ${fault.id}: ${fault.kind} ${fault.target}, in force since ${when}\n  take it back: anycast-lab fault revert ${fault.id}\n`;
}

async function listFaults(store: FaultStore, json: boolean): Promise<number> {
  const faults = await store.list();
  if (json) {
    const rows = faults.map((f) => ({
      id: f.id,
      kind: f.kind,
      target: f.target,
      since: new Date(f.appliedAtMs).toISOString(),
      pid: f.pid,
      revert_failed: f.revertFailed ? { at: new Date(f.revertFailed.atMs).toISOString(), message: f.revertFailed.message } : null,
    }));
    process.stdout.write(`${JSON.stringify({ lab: store.lab, faults: rows }, null, 2)}\n`);
  } else if (faults.length === 0) {
    process.stdout.write(`lab ${store.lab}: no fault in force\n`);
  } else {
    const rows = faults.map((f) => [f.id, f.kind, f.target, new Date(f.appliedAtMs).toISOString(), String(f.pid), faultState(f)]);
    process.stdout.write(`${renderTable(['id', 'kind', 'target', 'since', 'pid', 'state'], rows)}\n`);
    if (faults.some((f) => f.revertFailed)) {
      process.stdout.write(`a failed revert leaves its fault in force: \`anycast-lab fault revert ID\` tries again; \`anycast-lab fault revert --all --force\` forgets them\n`);
    }
  }
  return EXIT.ok;
}

/** `in force`, or `revert failed: <first line of why>`. */
function faultState(fault: FaultRecord): string {
  if (!fault.revertFailed) return 'in force';
  const why = fault.revertFailed.message.split('\n').find((line) => line.trim() !== '' && !line.endsWith(':')) ?? fault.revertFailed.message;
  return `revert failed: ${why.trim().slice(0, 60)}`;
}

async function revertFaults(runtime: ContainerRuntime, store: FaultStore, ids: 'all' | readonly string[], force: boolean): Promise<number> {
  const reverted = await revertRecordedFaults(runtime, store, ids === 'all' ? undefined : ids, { force });
  if (reverted.size === 0) process.stdout.write(`lab ${store.lab}: no fault in force\n`);
  for (const [id, atMs] of reverted) process.stdout.write(`reverted ${id} at ${new Date(atMs).toISOString()}\n`);
  return EXIT.ok;
}

export const faultCommand = defineCommand({
  name: 'fault',
  summary: 'inject one fault by hand, list the faults in force, or take them back',
  usage: FAULT_USAGE.split('\n\n')[0]!.replace(/^fault /, '').replace(/\n {7}fault /g, '\n'),
  details: `kinds and their targets:\n${FAULT_USAGE.split('\n\n')[1] ?? ''}`,
  flags: {
    ...LAB_FLAG,
    topology: { type: 'string', value: 'FILE', help: `topology the lab was brought up from (default ${DEFAULT_TOPOLOGY})` },
    pool: { type: 'string', value: 'CIDR', help: 'address pool the lab was brought up with (default: read from the running lab)' },
    id: { type: 'string', value: 'ID', help: 'name the fault (default: kind-N); `fault revert ID` takes it back' },
    ...FAULT_FIELD_FLAGS,
    all: { type: 'boolean', help: 'fault revert: every fault in force' },
    force: { type: 'boolean', help: 'fault revert: strike the faults out even when taking them back fails (check the lab after)' },
    ...JSON_FLAG,
  },
  async run({ values, positionals }) {
    const { lab: labFlag, topology, pool, json, ...flags } = values;
    const command = parseFaultArgs(positionals, flags as FaultFlags);
    const runtime = await connectRuntime();
    const lab = await resolveLab(runtime, labFlag);
    const store = new FaultStore(lab);
    if (command.command === 'list') return listFaults(store, json === true);
    if (command.command === 'revert') return revertFaults(runtime, store, command.ids, command.force);

    const plan = await loadLabPlan(runtime, topology ?? DEFAULT_TOPOLOGY, { lab, ...(pool ? { pool } : {}) });
    await checkLabMatches(runtime, plan);
    const controller = new FaultController(runtime, plan, store);
    const interrupt = abortOnInterrupt({ cleaning: 'taking the fault back', leftover: () => `faults may be left in force: anycast-lab fault revert --all --lab ${lab}` });
    try {
      const askedAt = Date.now();
      const fault = await controller.inject(command.action, { ...(command.id ? { id: command.id } : {}), signal: interrupt.signal });
      process.stdout.write(describeInjected(fault, askedAt));
      if (fault.cycles === undefined) return EXIT.ok;
      // A flap runs in this process: wait for its cycles, then bring it up for good.
      try {
        await Promise.race([fault.finished, new Promise((resolve) => interrupt.signal.addEventListener('abort', resolve, { once: true }))]);
      } finally {
        await controller.revert(fault.id);
      }
      for (const [i, cycle] of fault.cycles.entries()) {
        process.stdout.write(`  cycle ${i + 1}: down ${new Date(cycle.downAtMs).toISOString()}, up ${cycle.upAtMs === undefined ? '-' : new Date(cycle.upAtMs).toISOString()}\n`);
      }
      process.stdout.write(`flap ${fault.id} ${interrupt.signal.aborted ? 'stopped' : 'done'}; ${fault.target} is up\n`);
      return interrupt.signal.aborted ? EXIT.interrupted : EXIT.ok;
    } finally {
      interrupt.release();
    }
  },
});
