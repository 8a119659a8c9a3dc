import { AGENT_LIMITS, type ProbeParams } from '../../../contracts/agent-api.ts';
import type { AddressPlan, PlannedNode } from '../plan/types.ts';
import type { AttackStep, ExpectStep, FaultStep, RevertStep, Scenario, StopAttackStep } from '../scenario/types.ts';

/**
 * When a run does what, on the one clock (ms from the run's start). Two tracks: actions (faults,
 * reverts, attacks and their stops, one after the other, each at its time or as soon as the one
 * before it is done) and
 * observations (BGP state read at the time of a bgp-session or route expectation, whatever the
 * actions are doing). Everything else is measured afterwards from the probe records.
 */

/** The probe agent's longest run. */
export const MAX_PROBE_MS = AGENT_LIMITS.probeDurationMs;

export type ActionStep = FaultStep | RevertStep | AttackStep | StopAttackStep;

export type ObservationStep = ExpectStep & { readonly expectation: { readonly kind: 'bgp-session' | 'route' } };

export interface RunSchedule {
  readonly actions: readonly ActionStep[];
  readonly observations: readonly ObservationStep[];
  /** When the steady state is checked before anything is done: the first step's time (or the end). */
  readonly steadyStateAtMs: number;
}

export function scheduleRun(scenario: Scenario): RunSchedule {
  return {
    actions: scenario.steps.filter((s): s is ActionStep => s.type !== 'expect'),
    observations: scenario.steps.filter(
      (s): s is ObservationStep => s.type === 'expect' && (s.expectation.kind === 'bgp-session' || s.expectation.kind === 'route'),
    ),
    steadyStateAtMs: scenario.steps[0]?.atMs ?? scenario.durationMs,
  };
}

/** The probe containers of the scenario's clients. */
export function probeNodes(plan: AddressPlan, scenario: Scenario): PlannedNode[] {
  const { clients } = scenario.probe;
  return plan.nodes.filter((n) => n.role === 'probe' && (clients === 'all' || clients.includes(n.group!)));
}

/** Probes run through the scenario, the wait for the lab to settle, and the last stable window; the run stops them. */
export function probeParams(scenario: Scenario, settleTimeoutMs: number): ProbeParams {
  const wanted = scenario.durationMs + settleTimeoutMs + scenario.stableWindowMs + scenario.probe.timeoutMs + 10_000;
  return {
    rate: scenario.probe.ratePerS,
    durationMs: Math.min(MAX_PROBE_MS, wanted),
    timeoutMs: scenario.probe.timeoutMs,
    keepAlive: scenario.probe.keepAlive,
    path: scenario.probe.path,
  };
}

