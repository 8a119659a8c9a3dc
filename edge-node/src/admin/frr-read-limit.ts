import { EdgeError } from '../errors.ts';

/**
 * Admin requests that read FRR each spawn a `vtysh` (GET /announcement reads the route). A burst
 * of them would fork a vtysh per request, so at most `concurrent` run at once, up to `queued` more
 * wait their turn in order, and the rest are refused with ADMIN_BUSY (the admin API answers 503
 * with Retry-After). Changes of the announcement (force, drain, undrain) need no such bound: they
 * go through the announcement's own queue, one vtysh at a time, repeated requests coalesced.
 */
export interface FrrReadLimits {
  readonly concurrent: number;
  readonly queued: number;
}

export const ADMIN_FRR_READ_LIMITS: FrrReadLimits = { concurrent: 2, queued: 8 };

export class FrrReadLimit {
  readonly limits: FrrReadLimits;
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limits: FrrReadLimits = ADMIN_FRR_READ_LIMITS) {
    this.limits = limits;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `read` when a place is free; throws ADMIN_BUSY at once when the queue is full too. */
  async run<T>(read: () => Promise<T>): Promise<T> {
    if (this.#running < this.limits.concurrent) {
      this.#running++;
    } else if (this.#waiting.length < this.limits.queued) {
      // The place of the read that finishes is handed over, so #running stays as it is.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      throw new EdgeError(
        'ADMIN_BUSY',
        `${this.limits.concurrent} FRR reads are running and ${this.limits.queued} waiting; ask again in a second`,
      );
    }
    try {
      return await read();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
