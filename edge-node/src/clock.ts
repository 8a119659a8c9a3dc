/** Monotonic milliseconds; every time-driven policy takes one so tests can drive time by hand. */
export type NowMs = () => number;

export const monotonicNow: NowMs = () => performance.now();

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
