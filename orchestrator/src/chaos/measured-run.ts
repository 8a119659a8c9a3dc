import type { Progress } from '../progress.ts';
import { formatMs } from '../../../contracts/units.ts';
import type { ClientTimeline } from '../measure/timeline.ts';
import type { AddressPlan } from '../plan/types.ts';
import { buildRunReport } from '../report/build-run-report.ts';
import { evaluateExpectation } from '../report/evaluate-expectation.ts';
import type { ExpectationResult, RunReport } from '../report/types.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import { scheduleChecks, type CheckPhase } from '../scenario/schedule-checks.ts';
import type { Scenario } from '../scenario/types.ts';
import { observeRoute, observeSession } from './bgp-state.ts';
import { notYet, ready, sleep, waitFor } from '../wait/wait-for.ts';
import type { FaultController } from './faults/fault-controller.ts';
import { AttackStore } from './attacks/attack-store.ts';
import { RunAttacks } from './attacks/run-attacks.ts';
import { AttackSampler } from './attacks/attack-sampler.ts';
import type { RunTimeline } from '../measure/timeline.ts';
import { readProbe, startProbe, stopProbe, type ProbeRun } from './probe-agents.ts';
import { RunRecord } from './run-record.ts';
import { probeNodes, probeParams, scheduleRun, type ActionStep, type ObservationStep } from './run-schedule.ts';
import { baselineCatchments, isSettled } from './settle.ts';

/**
 * The measured part of a run, on a lab that is up with its BGP settings applied: probes, the
 * steady state, the steps on the one clock, every fault taken back, the settling, the report.
 */

const SETTLE_POLL_MS = 1000;
/** Slack for a request's record to reach the agent after its timeout. */
const SETTLE_MARGIN_MS = 200;
/** Observations start this early, so that the router is read at about the step's time (a docker exec takes that long here). */
const OBSERVATION_LEAD_MS = 300;

interface RunContext {
  readonly runtime: ContainerRuntime;
  readonly controller: FaultController;
  readonly scenario: Scenario;
  readonly plan: AddressPlan;
  readonly record: RunRecord;
  readonly attacks: RunAttacks;
  /** Reads bots, edges and origin once a second, when the scenario has attacks. */
  readonly sampler: AttackSampler | undefined;
  readonly progress: Progress;
  readonly signal: AbortSignal;
}

const at = (context: RunContext, ms: number): string => `${formatMs(ms - context.record.startedAtMs)}`;

export async function measuredRun(
  runtime: ContainerRuntime,
  controller: FaultController,
  scenario: Scenario,
  options: {
    readonly progress: Progress;
    readonly settleTimeoutMs: number;
    readonly signal: AbortSignal | undefined;
    /** The lab's attack records (tests). */
    readonly attackStore?: AttackStore | undefined;
  },
): Promise<RunReport> {
  const { plan } = controller;
  const { progress, settleTimeoutMs } = options;
  const attacks = new RunAttacks(plan, options.attackStore ?? new AttackStore(plan.lab));
  const sampler = scenario.steps.some((s) => s.type === 'attack') ? new AttackSampler(plan, attacks) : undefined;
  const nodes = probeNodes(plan, scenario);
  const abort = new AbortController();
  const onAbort = (): void => abort.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const runs: ProbeRun[] = [];
  let record: RunRecord | undefined;
  try {
    for (const node of nodes) runs.push(await startProbe(node, probeParams(scenario, settleTimeoutMs)));
    record = new RunRecord(Date.now());
    sampler?.start();
    const context: RunContext = { runtime, controller, scenario, plan, record, attacks, sampler, progress, signal: abort.signal };
    progress.step(`probes running on ${nodes.map((n) => n.name).join(', ')} at ${scenario.probe.ratePerS}/s`);
    const schedule = scheduleRun(scenario);

    await sleep(record.startedAtMs + schedule.steadyStateAtMs - Date.now(), abort.signal);
    const before = await readTimelines(runs);
    const steady = evaluate(context, 'before', before, Date.now());
    if (steady.some((r) => !r.passed)) {
      progress.warn('the steady state does not hold before the first step: no fault injected');
      return report(context, steady, before, Date.now());
    }
    const baseline = baselineCatchments(before, record.startedAtMs + schedule.steadyStateAtMs);

    await Promise.all([runActions(context, schedule.actions), runObservations(context, schedule.observations)]);
    await sleep(record.startedAtMs + scenario.durationMs - Date.now(), abort.signal);
    await stopAttacks(context);
    await revertAll(context, record.inForce());

    progress.step('waiting for every client to be back on its PoP for a stable window');
    const settledAtMs = await waitForSettle(context, runs, baseline, settleTimeoutMs);
    const endMs = Math.max(record.startedAtMs + scenario.durationMs, settledAtMs);
    // Requests sent just before the end finish up to one timeout later.
    await sleep(endMs + scenario.probe.timeoutMs + SETTLE_MARGIN_MS - Date.now(), abort.signal);
    const clients = await readTimelines(runs);
    await sampler?.stop();
    return report(context, evaluate(context, 'all', clients, endMs), clients, endMs);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    abort.abort();
    if (record) {
      const context = { runtime, controller, scenario, plan, record, attacks, sampler, progress, signal: abort.signal };
      await stopAttacks(context);
      await revertAll(context, record.inForce());
    }
    await sampler?.stop().catch(() => undefined);
    await Promise.all(runs.map((run) => stopProbe(run).catch(() => undefined)));
  }
}

/** The end of the first stable window in which every client is back on its PoP; when it never comes, now. */
async function waitForSettle(context: RunContext, runs: readonly ProbeRun[], baseline: ReadonlyMap<string, string | null>, timeoutMs: number): Promise<number> {
  const { scenario, progress, signal } = context;
  return waitFor(
    async () => {
      const completeUntil = Date.now() - scenario.probe.timeoutMs - SETTLE_MARGIN_MS;
      return isSettled(await readTimelines(runs), baseline, completeUntil, scenario.stableWindowMs) ? ready(completeUntil) : notYet('clients back on their PoPs');
    },
    {
      what: 'the clients to be back on their PoPs',
      timeoutMs,
      intervalMs: SETTLE_POLL_MS,
      signal,
      onTimeout: () => {
        progress.warn(`the clients were not all back on their PoPs ${timeoutMs / 1000} s after the run`);
        return Date.now();
      },
    },
  );
}

async function readTimelines(runs: readonly ProbeRun[]): Promise<ClientTimeline[]> {
  return Promise.all(
    runs.map(async (run) => ({ client: run.node.group!, node: run.node.name, records: (await readProbe(run)).records })),
  );
}

/** What the run saw up to `endedAtMs`: probe records, faults, BGP readings, attacks and what was read while they ran. */
function timelineOf(context: RunContext, endedAtMs: number, clients: readonly ClientTimeline[]): RunTimeline {
  const timeline = context.record.timeline(endedAtMs, clients);
  if (context.sampler === undefined) return timeline;
  return { ...timeline, attacks: context.attacks.events(), attackReadings: context.sampler.readings() };
}

function evaluate(context: RunContext, phase: CheckPhase | 'all', clients: readonly ClientTimeline[], endedAtMs: number): ExpectationResult[] {
  const { scenario, plan, record } = context;
  const timeline = timelineOf(context, endedAtMs, clients);
  const checks = scheduleChecks(scenario, endedAtMs - record.startedAtMs).filter((c) => phase === 'all' || c.phase === phase);
  const measurements = { timeline, stableWindowMs: scenario.stableWindowMs, pops: plan.topology.pops.map((p) => p.name) };
  return checks.map((check) => evaluateExpectation(check, measurements));
}

function report(context: RunContext, results: readonly ExpectationResult[], clients: readonly ClientTimeline[], endedAtMs: number): RunReport {
  const { scenario, plan } = context;
  return buildRunReport({ scenario, timeline: timelineOf(context, endedAtMs, clients), results, pops: plan.topology.pops.map((p) => p.name) });
}

async function runActions(context: RunContext, actions: readonly ActionStep[]): Promise<void> {
  const { controller, record, progress, signal } = context;
  for (const step of actions) {
    await sleep(record.startedAtMs + step.atMs - Date.now(), signal);
    if (step.type === 'fault') {
      const fault = await controller.inject(step.action, { id: step.id, signal });
      record.faultApplied(fault);
      const repaired = fault.repaired.length > 0 ? ` (ends ${fault.repaired.join(', ')})` : '';
      progress.step(`${at(context, fault.atMs)}: ${fault.kind} ${fault.target}${repaired}`);
    } else if (step.type === 'revert') {
      await revertAll(context, step.faults.filter((id) => record.inForce().includes(id)));
    } else if (step.type === 'attack') {
      const started = await context.attacks.start(step);
      progress.step(`${at(context, started.startedAtMs)}: attack ${step.id}: ${started.kind} at ${started.rate}/s from ${started.jobs.length} bots (${started.from.join(', ')}) for ${formatMs(started.durationMs)}`);
    } else {
      for (const id of step.attacks) progress.step(`${at(context, await context.attacks.stop(id))}: stopped attack ${id}`);
    }
  }
}

/** Every attack the run started and has not stopped is stopped: at the end, and however the run ends. */
async function stopAttacks(context: RunContext): Promise<void> {
  try {
    const stopped = await context.attacks.stopAll();
    if (stopped.length > 0) context.progress.step(`${at(context, Date.now())}: attacks stopped: ${stopped.join(', ')}`);
  } catch (error) {
    context.progress.warn(`stopping the run's attacks: ${(error as Error).message}`);
  }
}

async function revertAll(context: RunContext, ids: readonly string[]): Promise<void> {
  const { controller, record, progress } = context;
  for (const id of [...ids].reverse()) {
    try {
      const atMs = await controller.revert(id);
      record.faultReverted(id, atMs);
      progress.step(`${at(context, atMs)}: reverted ${id}`);
    } catch (error) {
      record.faultReverted(id, Date.now());
      progress.warn(`revert of ${id} incomplete: ${(error as Error).message}`);
    }
  }
}

/** The readings due at the same time are made together, so that none of them starts after that time. */
async function runObservations(context: RunContext, observations: readonly ObservationStep[]): Promise<void> {
  const { runtime, plan, record, signal } = context;
  for (const atMs of [...new Set(observations.map((o) => o.atMs))]) {
    await sleep(record.startedAtMs + atMs - OBSERVATION_LEAD_MS - Date.now(), signal);
    await Promise.all(
      observations
        .filter((o) => o.atMs === atMs)
        .map(async ({ expectation: e }) => {
          if (e.kind === 'bgp-session') record.sessionSeen(await observeSession(runtime, plan, e.session));
          else if (e.kind === 'route') record.routeSeen(await observeRoute(runtime, plan, e.router, e.prefix));
        }),
    );
  }
}
