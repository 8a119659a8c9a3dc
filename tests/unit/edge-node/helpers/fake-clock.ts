import type { NowMs, Sleep } from '../../../../edge-node/src/clock.ts';

/** Time that moves only when a test (or a sleep) moves it. */
export class FakeClock {
  ms: number;

  constructor(startMs = 1_000_000) {
    this.ms = startMs;
  }

  readonly now: NowMs = () => this.ms;

  advance(ms: number): void {
    this.ms += ms;
  }

  /** A sleep that advances the clock instead of waiting, yielding once so other work can run. */
  readonly sleep: Sleep = async (ms, signal) => {
    if (!signal?.aborted) this.ms += ms;
    await new Promise((resolve) => setImmediate(resolve));
  };
}
