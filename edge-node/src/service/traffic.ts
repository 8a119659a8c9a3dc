import type { TrafficGauge } from '../announce/drain-wait.ts';

/** Requests in flight and when the last one arrived: what a drain waits on. */
export class TrafficTracker implements TrafficGauge {
  #inFlight = 0;
  #lastRequestMs = 0;

  begin(nowMs: number): void {
    this.#inFlight++;
    this.#lastRequestMs = nowMs;
  }

  end(): void {
    this.#inFlight--;
  }

  inFlight(): number {
    return this.#inFlight;
  }

  lastRequestMs(): number {
    return this.#lastRequestMs;
  }
}
