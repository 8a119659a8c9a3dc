import type { NowMs, Sleep } from '../clock.ts';

export interface DrainSettings {
  /** Traffic has moved once nothing is in flight and no request arrived for this long... */
  readonly quietMs: number;
  /** ...or, at the latest, after this long. */
  readonly maxMs: number;
  readonly pollMs: number;
}

export interface TrafficGauge {
  inFlight(): number;
  /** Monotonic ms of the last request that arrived; 0 if none yet. */
  lastRequestMs(): number;
}

export type DrainOutcome = 'quiet' | 'timeout' | 'cancelled';

/**
 * The middle of a drain, between GSHUT and the withdrawal: waits until traffic has moved away.
 * The quiet period counts from the start at the earliest, which gives BGP time to propagate.
 */
export async function waitForTrafficToMove(
  traffic: TrafficGauge,
  settings: DrainSettings,
  now: NowMs,
  sleep: Sleep,
  signal: AbortSignal,
): Promise<{ readonly outcome: DrainOutcome; readonly waitedMs: number }> {
  const start = now();
  for (;;) {
    const t = now();
    if (signal.aborted) return { outcome: 'cancelled', waitedMs: Math.round(t - start) };
    if (traffic.inFlight() === 0 && t - Math.max(start, traffic.lastRequestMs()) >= settings.quietMs) {
      return { outcome: 'quiet', waitedMs: Math.round(t - start) };
    }
    if (t - start >= settings.maxMs) return { outcome: 'timeout', waitedMs: Math.round(t - start) };
    await sleep(settings.pollMs, signal);
  }
}
