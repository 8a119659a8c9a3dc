/**
 * Time as the wire sees it: milliseconds (fractional) and one wake-up per pipe. The real clock is
 * precise to well under a millisecond: Node's timers fire up to ~1 ms late, so it sleeps until
 * just before the due time and then polls with setImmediate for the last stretch. Tests use
 * FakeClock instead and move time by hand.
 */
export interface WireClock {
  nowMs(): number;
  /** Calls `fn` once at or after `atMs`; replaces any earlier request from the same timer. */
  timer(): WireTimer;
}

export interface WireTimer {
  arm(atMs: number, fn: () => void): void;
  disarm(): void;
}

/** The last stretch polled rather than slept, ms: covers libuv's 1 ms timer granularity. */
const SPIN_MS = 1.5;

export const realClock: WireClock = {
  nowMs: () => performance.now(),
  timer(): WireTimer {
    let timeout: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
    const disarm = (): void => {
      if (timeout) clearTimeout(timeout);
      if (immediate) clearImmediate(immediate);
      timeout = immediate = undefined;
    };
    return {
      disarm,
      arm(atMs, fn) {
        disarm();
        const poll = (): void => {
          timeout = undefined;
          const left = atMs - performance.now();
          if (left <= 0.02) {
            immediate = undefined;
            fn();
          } else if (left > SPIN_MS) {
            timeout = setTimeout(poll, Math.floor(left - SPIN_MS));
          } else {
            immediate = setImmediate(poll);
          }
        };
        poll();
      },
    };
  },
};

export class FakeClock implements WireClock {
  #now = 0;
  readonly #timers = new Set<{ atMs: number; fn: () => void }>();

  nowMs(): number {
    return this.#now;
  }

  timer(): WireTimer {
    let pending: { atMs: number; fn: () => void } | undefined;
    return {
      arm: (atMs, fn) => {
        if (pending) this.#timers.delete(pending);
        pending = { atMs, fn };
        this.#timers.add(pending);
      },
      disarm: () => {
        if (pending) this.#timers.delete(pending);
        pending = undefined;
      },
    };
  }

  /** Moves time forward, firing each timer at its own time, in order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      let next: { atMs: number; fn: () => void } | undefined;
      for (const t of this.#timers) if (t.atMs <= end && (!next || t.atMs < next.atMs)) next = t;
      if (!next) break;
      this.#timers.delete(next);
      this.#now = Math.max(this.#now, next.atMs);
      next.fn();
    }
    this.#now = end;
  }
}
