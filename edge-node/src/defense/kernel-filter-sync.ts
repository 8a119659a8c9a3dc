import type { DropCount, KernelFilterState, KernelFilterView, KernelRuleView } from '../../../contracts/edge-admin.ts';
import type { NowMs, Sleep } from '../clock.ts';
import { describeError } from '../log.ts';
import { kernelKeys, type KernelFilter } from './kernel-filter.ts';

export interface KernelRetryPolicy {
  /** Delay after the first failure; doubled after each further one. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Consecutive failures after which the filter gives up (state `failed`). */
  readonly maxFailures: number;
}

/** About 30 s of retries: 0.5, 1, 2, 4, 8, 8, 8 s. */
export const DEFAULT_KERNEL_RETRY: KernelRetryPolicy = { initialDelayMs: 500, maxDelayMs: 8000, maxFailures: 8 };

export interface KernelFilterEvents {
  onRetry(failures: number, delayMs: number, error: unknown): void;
  onGiveUp(failures: number, error: unknown): void;
  onRecovered(failures: number): void;
}

export interface KernelFilterSyncDeps {
  /** Undefined: no kernel filter configured (state `off`). */
  readonly filter: KernelFilter | undefined;
  readonly now: NowMs;
  readonly sleep: Sleep;
  readonly retry?: KernelRetryPolicy;
  readonly events?: Partial<KernelFilterEvents>;
}

/** The delay before attempt `failures + 1`, pure. */
export function retryDelayMs(policy: KernelRetryPolicy, failures: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, failures - 1));
}

const add = (a: DropCount, b: DropCount): DropCount => ({ packets: a.packets + b.packets, bytes: a.bytes + b.bytes });
const ZERO: DropCount = { packets: 0, bytes: 0 };

/**
 * Keeps the kernel's EDGE-BLOCK chain in step with the block list and keeps its counters: one
 * iptables call at a time, the latest wanted set wins, a failure retried with a bounded backoff.
 * Rewriting the chain zeroes its counters, so the counts of a rewritten chain are folded into
 * sums kept here (per key while the key stays blocked, in `retired` after).
 */
export class KernelFilterSync {
  readonly #deps: KernelFilterSyncDeps;
  readonly #retry: KernelRetryPolicy;
  readonly #abort = new AbortController();
  #state: KernelFilterState;
  #wanted: string[] | undefined;
  /** The keys in the chain now; undefined before the first rewrite. */
  #applied: readonly string[] | undefined;
  #running: Promise<void> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #failures = 0;
  #lastError: string | null = null;
  #nextAttemptAtMs: number | null = null;
  /** Counts from earlier versions of the chain, for the keys in it now. */
  #base = new Map<string, DropCount>();
  /** Counts of keys no longer in the chain. */
  #retired: DropCount = ZERO;
  /** The last reading of the chain as it is now. */
  #current: KernelRuleView[] = [];
  #countersAtMs: number | null = null;

  constructor(deps: KernelFilterSyncDeps) {
    this.#deps = deps;
    this.#retry = deps.retry ?? DEFAULT_KERNEL_RETRY;
    this.#state = deps.filter ? 'on' : 'off';
  }

  get state(): KernelFilterState {
    return this.#state;
  }

  /** Asks for the chain to hold these keys; returns at once (`settled` waits). */
  request(keys: readonly string[]): void {
    if (!this.#deps.filter || this.#state === 'failed' || this.#abort.signal.aborted) return;
    this.#wanted = kernelKeys(keys);
    this.#running ??= this.#drive(this.#deps.filter).finally(() => (this.#running = undefined));
  }

  /** Resolves when no sync is running or waiting to retry. */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Reads the chain's counters (once per mitigation window); a failed read keeps the last one. */
  async refreshCounters(): Promise<void> {
    const filter = this.#deps.filter;
    if (!filter || this.#applied === undefined) return;
    await this.#exclusive(async () => {
      try {
        this.#current = await filter.readCounters();
        this.#countersAtMs = this.#deps.now();
      } catch (error) {
        this.#lastError = describeError(error).slice(0, 300);
      }
    });
  }

  /** Stops retrying; a call in progress finishes. */
  close(): void {
    this.#abort.abort();
  }

  view(listLimit: number): KernelFilterView {
    const now = this.#deps.now();
    const current = new Map(this.#current.map((rule) => [rule.key, rule]));
    const rules = (this.#applied ?? []).map((key) => ({ key, ...add(current.get(key) ?? ZERO, this.#base.get(key) ?? ZERO) }));
    const dropped = [...this.#base.values()].reduce(add, this.#current.reduce(add, this.#retired));
    return {
      state: this.#state,
      dropped: { packets: dropped.packets, bytes: dropped.bytes },
      ruleCount: this.#applied?.length ?? 0,
      rules: rules.sort((a, b) => b.packets - a.packets).slice(0, listLimit),
      failures: this.#failures,
      lastError: this.#lastError,
      nextAttemptInMs: this.#state === 'retrying' && this.#nextAttemptAtMs !== null ? Math.max(0, Math.round(this.#nextAttemptAtMs - now)) : null,
      countersAgeMs: this.#countersAtMs === null ? null : Math.round(now - this.#countersAtMs),
    };
  }

  async #drive(filter: KernelFilter): Promise<void> {
    while (this.#wanted !== undefined && !this.#abort.signal.aborted) {
      const keys = this.#wanted;
      this.#wanted = undefined;
      if (this.#applied !== undefined && keys.join(',') === this.#applied.join(',')) continue;
      try {
        await this.#exclusive(() => this.#applyKeeping(filter, keys));
        if (this.#failures > 0) this.#deps.events?.onRecovered?.(this.#failures);
        this.#failures = 0;
        this.#nextAttemptAtMs = null;
        this.#state = 'on';
      } catch (error) {
        this.#failures++;
        this.#lastError = describeError(error).slice(0, 300);
        this.#wanted ??= keys;
        if (this.#failures >= this.#retry.maxFailures) {
          this.#state = 'failed';
          this.#nextAttemptAtMs = null;
          this.#deps.events?.onGiveUp?.(this.#failures, error);
          return;
        }
        const delayMs = retryDelayMs(this.#retry, this.#failures);
        this.#state = 'retrying';
        this.#nextAttemptAtMs = this.#deps.now() + delayMs;
        this.#deps.events?.onRetry?.(this.#failures, delayMs, error);
        await this.#deps.sleep(delayMs, this.#abort.signal);
      }
    }
  }

  /** Reads the old chain's counters, rewrites the chain, and folds the reading into the sums once the rewrite held. */
  async #applyKeeping(filter: KernelFilter, keys: readonly string[]): Promise<void> {
    // A chain that cannot be read (deleted by hand, say) loses its counts but is still rewritten.
    const before = this.#applied === undefined ? [] : await filter.readCounters().catch(() => []);
    await filter.apply(keys);
    const wanted = new Set(keys);
    for (const rule of before) this.#base.set(rule.key, add(this.#base.get(rule.key) ?? ZERO, rule));
    for (const [key, count] of this.#base) {
      if (wanted.has(key)) continue;
      this.#retired = add(this.#retired, count);
      this.#base.delete(key);
    }
    this.#current = [];
    this.#countersAtMs = this.#deps.now();
    this.#applied = keys;
  }

  /** One iptables conversation at a time, so a reading never straddles a rewrite. */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
