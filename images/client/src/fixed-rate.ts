export interface FixedRateOptions {
  readonly ratePerS: number;
  readonly durationMs: number;
  /** A slot that comes due while this many are in flight is skipped, not queued. */
  readonly maxInFlight: number;
  /** Does the work of slot `seq`; must not reject; resolves when the work is over. */
  readonly fire: (seq: number) => Promise<void>;
}

export interface FixedRateRun {
  /** Resolves when no slot is left to fire (or stop() was called) and nothing is in flight. */
  readonly done: Promise<void>;
  stop(): void;
  stats(): { readonly fired: number; readonly skipped: number; readonly inFlight: number };
}

/**
 * Fires slot n at start + n / rate, whatever became of the earlier slots: the rate holds while the
 * target is slow or silent. At most rate x duration slots; none after the duration.
 */
export function runAtFixedRate(options: FixedRateOptions): FixedRateRun {
  const intervalMs = 1000 / options.ratePerS;
  const total = Math.max(1, Math.floor((options.durationMs * options.ratePerS) / 1000));
  const startedAt = performance.now();
  let next = 0;
  let fired = 0;
  let skipped = 0;
  let inFlight = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const settleIfDone = (): void => {
    if ((stopped || next >= total) && inFlight === 0) resolveDone();
  };
  const release = (): void => {
    inFlight--;
    settleIfDone();
  };
  const tick = (): void => {
    timer = undefined;
    const now = performance.now();
    while (!stopped && next < total && startedAt + next * intervalMs <= now) {
      const seq = next++;
      if (inFlight >= options.maxInFlight) {
        skipped++;
        continue;
      }
      inFlight++;
      fired++;
      options.fire(seq).then(release, release);
    }
    if (!stopped && next < total) timer = setTimeout(tick, Math.max(0, startedAt + next * intervalMs - performance.now()));
    settleIfDone();
  };
  tick();
  return {
    done,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      settleIfDone();
    },
    stats: () => ({ fired, skipped, inFlight }),
  };
}
