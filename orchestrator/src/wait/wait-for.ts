import { AnycastLabError, interrupted } from '../errors.ts';

/**
 * One way to wait for a condition (testcontainers' wait strategies): check, and until it holds,
 * wait `intervalMs` and check again; past `timeoutMs`, say what was still missing. Checks never
 * overlap: the next one starts an interval after the last one finished.
 */

/** What one check found: ready with a value, or not yet, with what is still missing. */
export type Check<T, M = string> = { readonly ready: true; readonly value: T } | { readonly ready: false; readonly missing: M };

export function ready<T>(value: T): Check<T, never> {
  return { ready: true, value };
}

export function notYet<M>(missing: M): Check<never, M> {
  return { ready: false, missing };
}

/** Time as the waiting sees it; tests pass a fake one. */
export interface WaitClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface WaitOptions<T, M> {
  /** What is waited for, for the timeout message: `BGP sessions of t-asia to be Established`. */
  readonly what: string;
  readonly timeoutMs: number;
  readonly intervalMs: number;
  /** Aborting stops the wait with AnycastLabError INTERRUPTED. */
  readonly signal?: AbortSignal;
  /** After each check that is not ready yet. */
  readonly onPending?: (missing: M, waitedMs: number) => void;
  /** On timeout, with what was last missing: return a value to go on with, or throw. Default: throw WaitTimeoutError. */
  readonly onTimeout?: (missing: M, waitedMs: number) => T;
  readonly clock?: WaitClock;
}

export class WaitTimeoutError extends AnycastLabError {
  readonly what: string;
  readonly waitedMs: number;
  readonly missing: unknown;

  constructor(what: string, waitedMs: number, missing: unknown) {
    super('LAB_NOT_READY', `gave up waiting for ${what} after ${(waitedMs / 1000).toFixed(1)} s; still missing: ${describeMissing(missing)}`);
    this.what = what;
    this.waitedMs = waitedMs;
    this.missing = missing;
  }
}

/** Waits `ms`; rejects with AnycastLabError INTERRUPTED as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(interrupted());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(interrupted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const REAL_CLOCK: WaitClock = { now: () => Date.now(), sleep };

export async function waitFor<T, M = string>(check: (waitedMs: number) => Promise<Check<T, M>>, options: WaitOptions<T, M>): Promise<T> {
  const clock = options.clock ?? REAL_CLOCK;
  const started = clock.now();
  for (;;) {
    if (options.signal?.aborted) throw interrupted();
    const result = await check(clock.now() - started);
    if (result.ready) return result.value;
    const waitedMs = clock.now() - started;
    if (waitedMs >= options.timeoutMs) {
      if (options.onTimeout) return options.onTimeout(result.missing, waitedMs);
      throw new WaitTimeoutError(options.what, waitedMs, result.missing);
    }
    options.onPending?.(result.missing, waitedMs);
    await clock.sleep(Math.min(options.intervalMs, options.timeoutMs - waitedMs), options.signal);
  }
}

/** A check whose errors mean "not yet" (an agent not answering yet, a router still starting): the message is what is missing. */
export function errorsAsMissing<T>(check: (waitedMs: number) => Promise<Check<T, string>>): (waitedMs: number) => Promise<Check<T, string>> {
  return async (waitedMs) => {
    try {
      return await check(waitedMs);
    } catch (error) {
      return notYet(error instanceof Error ? error.message : String(error));
    }
  };
}

function describeMissing(missing: unknown): string {
  if (typeof missing === 'string') return missing;
  if (Array.isArray(missing)) return missing.length === 0 ? 'nothing named' : missing.join('; ');
  return JSON.stringify(missing) ?? String(missing);
}
