import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { checkAttackFields } from '../../contracts/attack-kinds.ts';
import { agentAt } from '../../contracts/agent-client.ts';
import { EDGE_ADMIN_PATHS, type AnnouncementView } from '../../contracts/edge-admin.ts';
import { readAttack, startAttack } from '../../orchestrator/src/chaos/attacks/attack-control.ts';
import { planAttack } from '../../orchestrator/src/chaos/attacks/attack-plan.ts';
import { AttackStore } from '../../orchestrator/src/chaos/attacks/attack-store.ts';
import { readScenarioFile } from '../../orchestrator/src/chaos/load-scenario.ts';
import { runScenario, type RunOptions } from '../../orchestrator/src/chaos/runner.ts';
import type { AddressPlan } from '../../orchestrator/src/plan/types.ts';
import type { RunReport } from '../../orchestrator/src/report/types.ts';
import { E2E_POOLS, e2eTopology, removeE2eLab, runtime, upE2eLab } from '../helpers/e2e.ts';
import { edgeAdmin, waitUntil } from '../helpers/lab-control.ts';
import { ROOT } from '../helpers/topologies.ts';

const LAB = 'e2e-attack';
const POOL = E2E_POOLS.attack;
const SCENARIOS = `${ROOT}topology/scenarios`;
const store = new AttackStore(LAB);
const options: RunOptions = { lab: LAB, pool: POOL, buildImages: false, attackStore: store };
let plan: AddressPlan;

test.before(async () => {
  ({ plan } = await upE2eLab(await e2eTopology('mini', { lab: LAB, pool: POOL })));
});

test.after.always(async () => {
  await removeE2eLab(LAB);
});

const bots = (): AddressPlan['nodes'] => plan.nodes.filter((n) => n.role === 'bot');

/** Nothing left running: no bot agent has an attack job, every attack of the lab is over. */
async function assertNothingRunning(t: import('ava').ExecutionContext): Promise<void> {
  const health = await Promise.all(bots().map((b) => agentAt(b.mgmtAddress).health()));
  t.deepEqual(health.map((h) => [h.node, h.attacks]), bots().map((b) => [b.name, 0]), 'no attack job on any bot agent');
  const statuses = await Promise.all((await store.list()).map((r) => readAttack(r)));
  t.true(statuses.every((s) => s.done), 'every attack of the lab is finished');
}

/** The bound a scenario sets on an expectation kind, read from the file rather than copied. */
async function stepExpectation<K extends string>(file: string, kind: K) {
  const found = (await readScenarioFile(file)).steps.flatMap((s) => (s.type === 'expect' && s.expectation.kind === kind ? [s.expectation] : []));
  if (found.length === 0) throw new Error(`${file} has no ${kind} expectation`);
  return found;
}

function logAttacks(t: import('ava').ExecutionContext, report: RunReport): void {
  for (const a of report.attacks) {
    t.log(`${a.id}: sent ${a.sent}, spread jain ${a.spread.jain}, max/mean ${a.spread.max_over_mean}`);
    for (const p of a.pops) t.log(`  ${p.name}: received ${p.received}, blocked ${p.blocked}, dropped ${p.dropped}, served ${p.served}, share ${p.share}, mitigated after ${p.time_to_mitigate_ms} ms`);
  }
  t.log(`origin: ${report.origin.rps_before}/s before, ${report.origin.rps_during}/s during`);
  for (const c of report.clients) t.log(`${c.name}: ${c.sent} sent, success ${c.success_rate}`);
  for (const e of report.expectations) t.log(`${e.passed ? 'PASS' : 'FAIL'} ${e.name}: ${e.observed} (${e.limit}) ${e.detail ?? ''}`);
}

// First: a flood blocks its bots' sources for a while, and slow-origin uses the same first source.
test.serial('mini-slow-origin: a slow-origin attack under the rate limits makes no PoP withdraw', async (t) => {
  const started = Date.now();
  const report = await runScenario(runtime, `${SCENARIOS}/mini-slow-origin.yaml`, options);
  logAttacks(t, report);
  t.true(report.passed, report.expectations.filter((e) => !e.passed).map((e) => `${e.name}: ${e.observed}`).join('; '));
  const atWest = report.attacks[0]?.pops.find((p) => p.name === 'west');
  t.true((atWest?.received ?? 0) > 0 && atWest?.dropped === 0, 'the slow requests reached west: none blocked or dropped, so its health was really tried');
  const west = plan.nodes.filter((n) => n.role === 'edge' && n.group === 'west');
  const views = await Promise.all(west.map((e) => edgeAdmin<AnnouncementView>(plan, e.name, 'GET', EDGE_ADMIN_PATHS.announcement)));
  t.deepEqual(views.map((v) => v.state), west.map(() => 'announced'));
  t.true(views.every((v) => Date.parse(v.since) < started), `no announcement change since the run started: ${views.map((v) => v.since).join(', ')}`);
  await assertNothingRunning(t);
});

/** The largest share one PoP took of mini-attack-spread's flood, for the unicast baseline to be compared with. */
let spreadMaxShare: number | undefined;

test.serial('chaos run mini-attack-spread: the flood splits over both PoPs, each mitigates within its bound, legit users keep >= 99%', async (t) => {
  const file = `${SCENARIOS}/mini-attack-spread.yaml`;
  const out = await mkdtemp(join(tmpdir(), 'attack-'));
  t.teardown(() => rm(out, { recursive: true, force: true }));
  const started = Date.now();
  const run = await execa('node', [`${ROOT}orchestrator/bin/anycast-lab.mjs`, 'chaos', 'run', file, '--lab', LAB, '--pool', POOL, '--no-build', '--json', join(out, 'run.json')], { reject: false });
  t.log(`chaos run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  t.log(run.stdout);
  const report = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunReport;
  logAttacks(t, report);
  t.is(run.exitCode, 0, run.stderr);
  t.true(report.passed);
  const [flood] = report.attacks;
  t.deepEqual(flood?.from, ['bots-east', 'bots-west']);
  t.true(flood!.pops.every((p) => p.received + (p.dropped ?? 0) > 0), 'both PoPs took part of the flood');
  spreadMaxShare = Math.max(...flood!.pops.map((p) => p.share));
  const [mitigated] = await stepExpectation(file, 'mitigated');
  t.true(flood!.pops.every((p) => p.time_to_mitigate_ms !== null && mitigated?.kind === 'mitigated' && p.time_to_mitigate_ms <= mitigated.withinMs));
  t.true(report.clients.every((c) => c.success_rate !== null && c.success_rate >= 0.99), 'legit probes keep >= 99%');
  await waitUntil('the bots to be done', () => Promise.all(bots().map((b) => agentAt(b.mgmtAddress).health())), (h) => h.every((x) => x.attacks === 0), 20_000);
  await assertNothingRunning(t);
});

test.serial('mini-attack-unicast-baseline: with one PoP announcing, that PoP takes the whole flood anycast spreads', async (t) => {
  const file = `${SCENARIOS}/mini-attack-unicast-baseline.yaml`;
  const report = await runScenario(runtime, file, options);
  logAttacks(t, report);
  t.true(report.passed, report.expectations.filter((e) => !e.passed).map((e) => `${e.name}: ${e.observed}`).join('; '));
  const [share] = await stepExpectation(file, 'attack-share');
  const flood = report.attacks[0]!;
  const west = flood.pops.find((p) => p.name === 'west');
  const east = flood.pops.find((p) => p.name === 'east');
  t.true(share?.kind === 'attack-share' && share.minPercent !== undefined && (west?.share ?? 0) * 100 >= share.minPercent, `west took ${west?.share} of the flood`);
  t.is((east?.received ?? 0) + (east?.dropped ?? 0), 0, 'east, withdrawn, took none of it');
  if (spreadMaxShare !== undefined) t.true(west!.share > spreadMaxShare, `one PoP's share: ${west!.share} unicast against ${spreadMaxShare} with anycast`);
  await assertNothingRunning(t);
});

test.serial('an attack nobody stops stops by itself at its `for`', async (t) => {
  const checked = checkAttackFields('http-flood', { rate: '20/s', for: '2s' });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  const record = await startAttack(store, planAttack(plan, checked.settings, 'all'), 20);
  const status = await waitUntil('the attack to end by itself', () => readAttack(record), (s) => s.done, 15_000);
  t.log(`ended by itself ${Date.now() - record.startedAtMs} ms after its start; sent ${status.totals.sent}`);
  t.true(status.totals.sent > 0 && status.totals.sent <= 2 * 20 + 2);
  await assertNothingRunning(t);
});
