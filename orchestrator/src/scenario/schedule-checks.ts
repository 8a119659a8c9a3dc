import { formatMs } from '../../../contracts/units.ts';
import { describeExpectation } from './describe.ts';
import { attackWindows } from './parse-attack.ts';
import { ATTACK_EXPECTATION_KINDS } from './parse-expectation.ts';
import type { AttackStep, Expectation, FaultStep, Scenario, SourcePosition } from './types.ts';

/** before: the steady state before the first step; after: the steady state at the end of the run. */
export type CheckPhase = 'before' | 'step' | 'after';

/** One expectation to evaluate, with the time and window it is evaluated over (ms from the run's start). */
export interface ExpectationCheck {
  readonly name: string;
  readonly phase: CheckPhase;
  readonly expectation: Expectation;
  readonly atMs: number;
  /** Start of the window for success-rate, latency and spread. */
  readonly sinceMs: number;
  /** The fault a convergence or lost expectation measures. */
  readonly faultId?: string;
  /** The attack an attack-share, attack-spread or mitigated expectation measures. */
  readonly attackId?: string;
  readonly source: SourcePosition;
}

/**
 * When each expectation is checked. Steady state before: over [0, first step). Step expectations:
 * at their `at`; success-rate, latency and spread over [since, at], since defaulting to the latest
 * fault or attack start before them (or the start); convergence and lost measure the fault named by `after:`, else
 * the latest one. Steady state after: at the run's end (`endMs`, later than the scenario's duration
 * when the runner waited for the lab to settle), over the last stable window.
 */
export function scheduleChecks(scenario: Scenario, endMs: number = scenario.durationMs): ExpectationCheck[] {
  const firstStepMs = scenario.steps[0]?.atMs ?? endMs;
  // The steady state after is measured once the last step is done and the last attack is over.
  const lastStepMs = Math.max(scenario.steps.at(-1)?.atMs ?? 0, ...attackWindows(scenario.steps).map((a) => a.endMs));
  const before = scenario.steadyState.map(({ expectation, source }) =>
    check('before', expectation, firstStepMs, 0, undefined, source),
  );
  const faultsSoFar: FaultStep[] = [];
  let latestAction: FaultStep | AttackStep | undefined;
  let latestAttack: AttackStep | undefined;
  const steps: ExpectationCheck[] = [];
  for (const step of scenario.steps) {
    if (step.type === 'fault') faultsSoFar.push(step);
    if (step.type === 'fault' || step.type === 'attack') latestAction = step;
    if (step.type === 'attack') latestAttack = step;
    if (step.type !== 'expect') continue;
    const e = step.expectation;
    const latest = faultsSoFar.at(-1);
    const faultId = e.kind === 'convergence' || e.kind === 'lost' ? (e.fault ?? latest?.id) : undefined;
    const sinceMs = ('sinceMs' in e ? e.sinceMs : undefined) ?? latestAction?.atMs ?? 0;
    const attackId = ATTACK_EXPECTATION_KINDS.includes(e.kind) ? (('attack' in e ? e.attack : undefined) ?? latestAttack?.id) : undefined;
    steps.push({ ...check('step', e, step.atMs, sinceMs, faultId, step.source), ...(attackId === undefined ? {} : { attackId }) });
  }
  const afterSinceMs = Math.max(lastStepMs, endMs - scenario.stableWindowMs);
  const after = scenario.steadyState.map(({ expectation, source }) =>
    check('after', expectation, endMs, afterSinceMs, undefined, source),
  );
  return [...before, ...steps, ...after];
}

function check(
  phase: CheckPhase,
  expectation: Expectation,
  atMs: number,
  sinceMs: number,
  faultId: string | undefined,
  source: SourcePosition,
): ExpectationCheck {
  const when = phase === 'step' ? `at ${formatMs(atMs)}` : `steady state ${phase}`;
  return {
    name: `${when}: ${describeExpectation(expectation)}`,
    phase,
    expectation,
    atMs,
    sinceMs,
    ...(faultId === undefined ? {} : { faultId }),
    source,
  };
}
