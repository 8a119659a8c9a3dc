import { catchmentAfter, catchmentBefore } from './catchment.ts';
import { countFailed, isOk, recordsBetween } from './records.ts';
import { sortBySendTime } from './timeline.ts';
import type { ProbeRecord } from '../../../contracts/agent-api.ts';

/**
 * - unaffected: every request after the fault was answered by the PoP from before it.
 * - moved: the client settled on another PoP.
 * - returned: the client was disrupted (failures or another PoP) and settled back on its old PoP,
 *   e.g. after a flap; convergence is when service resumed stably.
 * - unstable: it never settled: the interval ends in failures, or on a PoP for less than the window.
 * - no-data: no request was sent in the interval.
 */
export type ConvergenceOutcome = 'unaffected' | 'moved' | 'returned' | 'unstable' | 'no-data';

export interface Convergence {
  readonly outcome: ConvergenceOutcome;
  /** PoP of the last ok answer before the fault. */
  readonly before: string | null;
  /** PoP the client settled on; for unstable, the last one that answered. */
  readonly after: string | null;
  /** Send time of the first answer of the final stable stretch; null unless moved or returned. */
  readonly convergedAtMs: number | null;
  readonly convergenceMs: number | null;
}

export interface ConvergenceOptions {
  /** How long the client must stay answered by one PoP, with no failure, to count as settled. */
  readonly stableWindowMs: number;
  /** End of the observation interval (the revert, the next fault, or the check time). */
  readonly untilMs?: number;
}

/**
 * Time from the fault to the first answer from the PoP the client settles on, after which every
 * request until the end of the interval is answered ok by that PoP, for at least the stable window.
 * A gap in the records (the probe sent nothing) is not evidence of either failure or stability: it
 * neither breaks a stable stretch nor ends one; a stretch must span the window in records.
 */
export function measureConvergence(
  records: readonly ProbeRecord[],
  faultAtMs: number,
  options: ConvergenceOptions,
): Convergence {
  const sorted = sortBySendTime(records);
  const untilMs = options.untilMs ?? Infinity;
  const before = catchmentBefore(sorted, faultAtMs);
  const interval = recordsBetween(sorted, faultAtMs, untilMs);
  const unsettled = (outcome: ConvergenceOutcome): Convergence => ({
    outcome,
    before,
    after: catchmentAfter(interval, faultAtMs, untilMs),
    convergedAtMs: null,
    convergenceMs: null,
  });
  const last = interval.at(-1);
  if (last === undefined) return unsettled('no-data');
  if (!isOk(last) || last.pop === undefined) return unsettled('unstable');

  let start = interval.length - 1;
  while (start > 0 && isStableWith(interval[start - 1], last.pop)) start--;
  const first = interval[start]!;
  if (last.sentAt - first.sentAt < options.stableWindowMs) return unsettled('unstable');
  if (start === 0 && last.pop === before) {
    return { outcome: 'unaffected', before, after: before, convergedAtMs: null, convergenceMs: null };
  }
  return {
    outcome: last.pop === before ? 'returned' : 'moved',
    before,
    after: last.pop,
    convergedAtMs: first.sentAt,
    convergenceMs: first.sentAt - faultAtMs,
  };
}

/** lost: failed requests sent from the fault until the convergence point (or the interval's end). */
export function measureLost(
  records: readonly ProbeRecord[],
  faultAtMs: number,
  convergence: Convergence,
  untilMs: number = Infinity,
): number {
  return countFailed(records, faultAtMs, convergence.convergedAtMs ?? untilMs);
}

function isStableWith(record: ProbeRecord | undefined, pop: string): boolean {
  return record !== undefined && isOk(record) && record.pop === pop;
}
