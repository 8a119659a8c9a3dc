import { measureConvergence, measureLost } from './convergence.ts';
import type { Convergence } from './convergence.ts';
import type { ProbeRecord } from '../../../contracts/agent-api.ts';
import type { FaultEvent } from './timeline.ts';

export interface FaultImpact extends Convergence {
  readonly lost: number;
}

/**
 * Where a fault's effect stops being its own: at its revert, at the next fault, or at `endMs`,
 * whichever comes first.
 */
export function faultWindowEnd(fault: FaultEvent, faults: readonly FaultEvent[], endMs: number): number {
  const next = faults.filter((f) => f.atMs > fault.atMs).map((f) => f.atMs);
  return Math.min(endMs, fault.revertedAtMs ?? Infinity, ...next);
}

/** Convergence and loss of one client after one fault, observed until `untilMs`. */
export function measureFaultImpact(
  records: readonly ProbeRecord[],
  fault: FaultEvent,
  untilMs: number,
  stableWindowMs: number,
): FaultImpact {
  const convergence = measureConvergence(records, fault.atMs, { stableWindowMs, untilMs });
  return { ...convergence, lost: measureLost(records, fault.atMs, convergence, untilMs) };
}
