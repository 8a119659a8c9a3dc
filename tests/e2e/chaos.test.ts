import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { execa } from 'execa';
import { FaultController, revertRecordedFaults } from '../../orchestrator/src/chaos/faults/fault-controller.ts';
import { FaultStore } from '../../orchestrator/src/chaos/faults/fault-store.ts';
import { readScenarioFile } from '../../orchestrator/src/chaos/load-scenario.ts';
import { runScenario, type RunOptions } from '../../orchestrator/src/chaos/runner.ts';
import { probeOnce, vtyshJson } from '../../orchestrator/src/lab/observe.ts';
import { waitUntilReady } from '../../orchestrator/src/lab/readiness.ts';
import { readLabImpairments } from '../../orchestrator/src/lab/status.ts';
import { findNode } from '../../orchestrator/src/plan/addressing.ts';
import type { AddressPlan } from '../../orchestrator/src/plan/types.ts';
import { containerName } from '../../orchestrator/src/render/resource-names.ts';
import { imageRef } from '../../contracts/images.ts';
import { realClock } from '../../images/wire/src/wire-clock.ts';
import type { AnycastLabError } from '../../orchestrator/src/errors.ts';
import type { RunReport } from '../../orchestrator/src/report/types.ts';
import type { FaultAction } from '../../orchestrator/src/faults/registry.ts';
import { E2E_POOLS, e2eTopology, removeE2eLab, runtime, upE2eLab } from '../helpers/e2e.ts';
import { findFaultResidue } from '../helpers/fault-residue.ts';
import { ROOT } from '../helpers/topologies.ts';
import { E2E_SCENARIOS, SWEEP } from './fault-sweep.ts';

const LAB = 'e2e-chaos';
const POOL = E2E_POOLS.chaos;
const SCENARIOS = `${ROOT}topology/scenarios`;
const NO_NETEM = 'this kernel has no netem (CONFIG_NET_SCH_NETEM)';

const store = new FaultStore(LAB);
const options: RunOptions = { lab: LAB, pool: POOL, buildImages: false, store };
let plan: AddressPlan;

/** Tests that need netem are declared skipped, with the reason, where the kernel lacks it. */
const netem = (await execa('docker', ['run', '--rm', '--network', 'none', '--cap-add', 'NET_ADMIN', '--entrypoint', '/usr/local/bin/lab-impair', imageRef('router'), 'probe'])).stdout.trim() === 'netem';

test.before(async () => {
  ({ plan } = await upE2eLab(await e2eTopology('mini', { lab: LAB, pool: POOL })));
});

test.after.always(async () => {
  await revertRecordedFaults(runtime, store).catch(() => undefined);
  await removeE2eLab(LAB);
});

/** A test that fails halfway leaves its faults recorded: take them back so the next test starts on a clean lab. */
test.afterEach.always(async () => {
  await revertRecordedFaults(runtime, store).catch(() => undefined);
});

/** Nothing left in place, and the lab ready again: every session Established, every client served. */
async function assertNoFaultLeft(t: ExecutionContext): Promise<void> {
  t.deepEqual(await store.list(), [], 'no fault recorded as in force');
  t.deepEqual(await findFaultResidue(runtime, plan), [], 'no fault left in the lab');
  await waitUntilReady(runtime, plan, { timeoutMs: 60_000 });
}

function client(report: RunReport, name: string) {
  const found = report.clients.find((c) => c.name === name);
  if (!found) throw new Error(`no client ${name} in the report`);
  return found;
}

/** What the scenario file asks of a client: its convergence bound and its loss bound. */
async function bounds(file: string, name: string): Promise<{ convergenceMs: number; lost: number }> {
  const expectations = (await readScenarioFile(file)).steps.flatMap((s) => (s.type === 'expect' ? [s.expectation] : []));
  const convergence = expectations.find((e) => e.kind === 'convergence' && e.client === name);
  const lost = expectations.find((e) => e.kind === 'lost' && e.client === name);
  if (convergence?.kind !== 'convergence' || lost?.kind !== 'lost') throw new Error(`${file} sets no convergence and lost bounds for ${name}`);
  return { convergenceMs: convergence.maxMs, lost: lost.max };
}

test.serial('a silent PoP crash detected by BFD converges and loses within the bounds its scenario sets', async (t) => {
  const file = `${SCENARIOS}/${E2E_SCENARIOS.popCrash}`;
  const bound = await bounds(file, 'users-west');
  const report = await runScenario(runtime, file, options);
  const west = client(report, 'users-west');
  t.log(`users-west: ${west.before} -> ${west.after} in ${west.convergence_ms} ms, ${west.lost} lost`);
  t.true(report.passed, report.expectations.filter((e) => !e.passed).map((e) => `${e.name}: ${e.observed}`).join('; '));
  t.is(west.after, 'east');
  t.true(west.convergence_ms !== null && west.convergence_ms <= bound.convergenceMs, `converged in ${west.convergence_ms} ms`);
  t.true(west.lost <= bound.lost, `${west.lost} lost`);
  t.is(client(report, 'users-east').lost, 0);
  t.not(report.faults[0]?.reverted_at_ms, null);
  await assertNoFaultLeft(t);
});

test.serial('a graceful drain moves the PoP`s users away without a failed request', async (t) => {
  const report = await runScenario(runtime, `${SCENARIOS}/${E2E_SCENARIOS.popDrain}`, options);
  const drain = report.faults.find((f) => f.kind === 'pop-drain')!;
  const west = drain.clients.find((c) => c.name === 'users-west')!;
  t.log(`users-west: ${west.before} -> ${west.after} after ${west.convergence_ms} ms, ${west.lost} lost`);
  t.true(report.passed, report.expectations.filter((e) => !e.passed).map((e) => `${e.name}: ${e.observed}`).join('; '));
  t.is(west.after, 'east');
  t.is(west.lost, 0);
  await assertNoFaultLeft(t);
});

test.serial('a failing expectation fails the run: the CLI exits non-zero, and the JSON and JUnit say why', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'anycast-lab-chaos-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const cli = await execa(
    'node',
    [
      `${ROOT}orchestrator/bin/anycast-lab.mjs`,
      'chaos', 'run', `${SCENARIOS}/${E2E_SCENARIOS.failing}`,
      '--lab', LAB, '--pool', POOL, '--no-build', '--json', `${dir}/report.json`, '--junit', `${dir}/report.xml`,
    ],
    { reject: false },
  );
  t.is(cli.exitCode, 1, cli.stderr);
  t.regex(cli.stdout, /FAIL {2}at 6 s: catchment users-west = west/);
  const json = JSON.parse(await readFile(`${dir}/report.json`, 'utf8')) as RunReport;
  t.false(json.passed);
  t.deepEqual(json.expectations.filter((e) => !e.passed).map((e) => e.observed), ['east']);
  t.regex(await readFile(`${dir}/report.xml`, 'utf8'), /failures="1"/);
  await assertNoFaultLeft(t);
});

test.serial('an aborted run (Ctrl-C) takes back the fault it made', async (t) => {
  const abort = new AbortController();
  const run = runScenario(runtime, `${SCENARIOS}/${E2E_SCENARIOS.popCrash}`, { ...options, signal: abort.signal });
  // The crash goes in 3 s into the run, after the lab check and probe start: abort once it is recorded.
  for (let i = 0; i < 600 && (await store.list()).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  t.is((await store.list())[0]?.kind, 'pop-crash');
  abort.abort();
  await t.throwsAsync(run, { message: 'interrupted' });
  await assertNoFaultLeft(t);
});

test.serial('every fault kind goes in, does what it says, and comes back out without a trace', async (t) => {
  const controller = new FaultController(runtime, plan, store);
  const probe = findNode(plan, 'users-west-probe-1').mgmtAddress;
  for (const { action, served, repair } of SWEEP) {
    const fault = await controller.inject(action);
    if (served !== 'any') {
      let pop: string | undefined;
      for (let i = 0; i < 30 && pop !== served; i++) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        pop = (await probeOnce(probe).catch(() => undefined))?.pop;
      }
      t.is(pop, served, `${action.kind} ${fault.target}: users-west served by ${served}`);
    }
    await fault.finished;
    if (repair === undefined) {
      await controller.revert(fault.id);
    } else {
      const repaired = await controller.inject(repair);
      t.deepEqual(repaired.repaired, [fault.id], `${repair.kind} ends ${fault.id}`);
      t.false((await store.list()).some((r) => r.id === fault.id), `${fault.id} is no longer recorded after ${repair.kind}`);
    }
    t.deepEqual(await findFaultResidue(runtime, plan), [], `${action.kind}: nothing left after the ${repair?.kind ?? 'revert'}`);
    await waitUntilReady(runtime, plan, { timeoutMs: 60_000 });
  }
  await assertNoFaultLeft(t);
});

(netem ? test.serial : test.serial.skip)(`link-impair delay adds to the latency clients see${netem ? '' : ` (skipped: ${NO_NETEM})`}`, async (t) => {
  const controller = new FaultController(runtime, plan, store);
  const probe = findNode(plan, 'users-west-probe-1').mgmtAddress;
  const fault = await controller.inject({ kind: 'link-impair', link: { a: 't-west', b: 'west' }, impairment: { delayMs: 100 }, direction: 'both' });
  const answer = await probeOnce(probe, 3000);
  await controller.revert(fault.id);
  t.true(answer.latencyMs >= 200, `latency ${answer.latencyMs} ms with +100 ms each way`);
  await assertNoFaultLeft(t);
});

/** Median round trip of 10 pings from t-west to t-east's end of their link, in ms. */
async function transitRttMs(): Promise<number> {
  const east = findNode(plan, 't-east').interfaces.find((i) => i.network === 't-west--t-east')!.address;
  const result = await runtime.exec(containerName(LAB, 't-west'), ['ping', '-c', '10', '-i', '0.2', '-n', east], { timeoutMs: 20_000 });
  const rtts = [...result.stdout.matchAll(/time=([\d.]+) ms/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  if (rtts.length < 5) throw new Error(`ping t-west -> t-east: ${rtts.length} of 10 answered\n${result.stdout}${result.stderr}`);
  return rtts[Math.floor(rtts.length / 2)]!;
}

test.serial(`the transits' 20 ms link is carried (${netem ? 'netem' : 'the wire, without netem'}): 40 ms round trips, link-impair delay changes them live, the revert puts them back`, async (t) => {
  const mechanism = netem ? 'netem' : 'wire';
  const lines = (await readLabImpairments(runtime, LAB)).filter((l) => l.includes('t-west--t-east'));
  t.is(lines.length, 2, lines.join('\n'));
  t.true(lines.every((l) => l.includes(`applied: ${mechanism} delay 20ms`)), `status says ${mechanism} carries it:\n${lines.join('\n')}`);
  const before = await transitRttMs();
  const controller = new FaultController(runtime, plan, store);
  const fault = await controller.inject({ kind: 'link-impair', link: { a: 't-west', b: 't-east' }, impairment: { delayMs: 100 }, direction: 'both' });
  const during = await transitRttMs();
  await controller.revert(fault.id);
  const after = await transitRttMs();
  t.log(`t-west -> t-east median RTT: ${before} ms, with 100 ms each way ${during} ms, after the revert ${after} ms`);
  // netem holds each packet at least its delay, the wire at least its delay less its clock's earlyMs
  // (1 ms, each way); the upper bounds only catch a delay applied twice.
  const floor = (oneWayMs: number) => 2 * (oneWayMs - realClock.earlyMs);
  t.true(before >= floor(20) && before < 80, `${before} ms with 20 ms each way`);
  t.true(during >= floor(100) && during < 260, `${during} ms with 100 ms each way`);
  t.true(after >= floor(20) && after < 80, `${after} ms after the revert`);
  await assertNoFaultLeft(t);
});

(netem ? test.serial.skip : test.serial)('without netem, link-impair delay is refused, naming the missing kernel feature', async (t) => {
  const controller = new FaultController(runtime, plan, store);
  const action: FaultAction = { kind: 'link-impair', link: { a: 't-west', b: 'west' }, impairment: { delayMs: 100 }, direction: 'both' };
  const error = await t.throwsAsync(controller.inject(action), { message: /CONFIG_NET_SCH_NETEM/ });
  t.is((error as AnycastLabError).code, 'FAULT_UNSUPPORTED');
  t.deepEqual(await store.list(), []);
});

interface AsPathRoute {
  paths?: { aspath?: { string?: string; length?: number }; nexthops?: { ip?: string }[] }[];
}

/** The AS path t-west hears the anycast prefix with from west directly; undefined when west does not announce it. */
async function pathFromWest(): Promise<string | undefined> {
  const west = findNode(plan, 'west').interfaces.map((i) => i.address);
  const route = JSON.parse(await vtyshJson(runtime, containerName(LAB, 't-west'), `show ip bgp ${plan.anycast} json`)) as AsPathRoute;
  return route.paths?.find((p) => west.includes(p.nexthops?.[0]?.ip ?? ''))?.aspath?.string;
}

/** Milliseconds from `sinceMs` (epoch) to the first probe answered by `pop`, probing every 100 ms. */
async function settledOn(pop: string, sinceMs: number): Promise<number> {
  const probe = findNode(plan, 'users-west-probe-1').mgmtAddress;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const answer = await probeOnce(probe).catch(() => undefined);
    if (answer?.pop === pop) return Date.now() - sinceMs;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`users-west not served by ${pop} within 30 s`);
}

test.serial('pop-prepend and pop-withdraw move users-west to east within seconds, and their reverts bring it back', async (t) => {
  const controller = new FaultController(runtime, plan, store);
  t.is(await pathFromWest(), '64500', 'before: west announces with its AS once');
  const settle: Record<string, number> = {};

  const prepend = await controller.inject({ kind: 'pop-prepend', pop: 'west', count: 2 });
  settle['pop-prepend'] = await settledOn('east', prepend.atMs);
  t.is(await pathFromWest(), '64500 64500 64500', 't-west hears the path longer by count');
  settle['pop-prepend revert'] = await settledOn('west', await controller.revert(prepend.id));
  t.is(await pathFromWest(), '64500');

  const withdraw = await controller.inject({ kind: 'pop-withdraw', pop: 'west' });
  settle['pop-withdraw'] = await settledOn('east', withdraw.atMs);
  t.is(await pathFromWest(), undefined, 't-west hears nothing from west');
  settle['pop-withdraw revert'] = await settledOn('west', await controller.revert(withdraw.id));
  t.is(await pathFromWest(), '64500');

  t.log(`settle ms (fault effective to first probe at the new PoP): ${JSON.stringify(settle)}`);
  for (const [what, ms] of Object.entries(settle)) t.true(ms < 10_000, `${what} settled in ${ms} ms`);
  await assertNoFaultLeft(t);
});
