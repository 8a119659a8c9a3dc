import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Event-loop delay since the last reading, from Node's own sampling histogram. */
export class EventLoopLag {
  readonly #histogram: IntervalHistogram;

  constructor(resolutionMs: number) {
    this.#histogram = monitorEventLoopDelay({ resolution: resolutionMs });
    this.#histogram.enable();
  }

  /** p99 delay in ms over the interval since the previous call, then starts a new interval. */
  takeP99Ms(): number {
    const p99 = this.#histogram.count > 0 ? this.#histogram.percentile(99) / 1e6 : 0;
    this.#histogram.reset();
    return p99;
  }

  stop(): void {
    this.#histogram.disable();
  }
}
