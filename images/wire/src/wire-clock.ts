/**
 * Time as the wire sees it: milliseconds (fractional) and one wake-up per pipe. The real clock
 * sleeps on Node's timers (1 ms granularity) and lets a packet leave up to `earlyMs` before its
 * time rather than poll for the last stretch: polling cost ~1 ms of CPU per delayed packet, which a
 * lab of 30 relays on 2 cores does not have (its probes timed out). Tests use FakeClock instead
 * and move time by hand.
 */
export interface WireClock {
  nowMs(): number;
  /** How long before its due time a packet may be delivered (0: never early). */
  readonly earlyMs: number;
  /** Calls `fn` once at or after `atMs`; replaces any earlier request from the same timer. */
  timer(): WireTimer;
}

export interface WireTimer {
  arm(atMs: number, fn: () => void): void;
  disarm(): void;
}

/** libuv's timer granularity: a wake-up lands up to about this late, so a packet may leave this early. */
const EARLY_MS = 1;

export const realClock: WireClock = {
  nowMs: () => performance.now(),
  earlyMs: EARLY_MS,
  timer(): WireTimer {
    let timeout: NodeJS.Timeout | undefined;
    const disarm = (): void => {
      if (timeout) clearTimeout(timeout);
      timeout = undefined;
    };
    return {
      disarm,
      arm(atMs, fn) {
        disarm();
        // Early only once a timer has slept: a packet is never sent before its time at once, or a
        // 1 ms delay would be no delay at all.
        const sleep = (left: number): void => {
          timeout = setTimeout(wake, Math.max(1, Math.floor(left)));
        };
        const wake = (): void => {
          timeout = undefined;
          const left = atMs - performance.now();
          if (left <= EARLY_MS) fn();
          else sleep(left);
        };
        const left = atMs - performance.now();
        if (left <= 0) fn();
        else sleep(left);
      },
    };
  },
};

export class FakeClock implements WireClock {
  readonly earlyMs = 0;
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
