import type { AnnouncementMode, AnnouncementState } from '../../../contracts/edge-admin.ts';
import type { NowMs, Sleep } from '../clock.ts';
import { waitForTrafficToMove, type DrainOutcome, type DrainSettings, type TrafficGauge } from './drain-wait.ts';
import type { FrrDriver } from './frr-driver.ts';

export type ChangeCause = 'health' | 'drain' | 'undrain' | 'startup' | 'shutdown';

export interface AnnouncementChange {
  readonly from: AnnouncementState;
  readonly to: AnnouncementState;
  readonly cause: ChangeCause;
  readonly reason: string;
}

export interface AnnouncementStatus {
  readonly state: AnnouncementState;
  readonly mode: AnnouncementMode;
  readonly reason: string;
  /** Wall-clock ms of the last change (or of the start). */
  readonly sinceMs: number;
  readonly changes: number;
  readonly lastError: string | null;
}

export interface DrainResult {
  readonly outcome: DrainOutcome | 'not-announced' | 'failed';
  readonly waitedMs: number;
}

export interface AnnouncementEvents {
  onChange(change: AnnouncementChange): void;
  onError(action: string, error: unknown): void;
}

export interface AnnouncementDeps {
  readonly driver: FrrDriver;
  readonly traffic: TrafficGauge;
  readonly drain: DrainSettings;
  readonly now: NowMs;
  readonly wallNow: () => number;
  readonly sleep: Sleep;
  readonly events: AnnouncementEvents;
}

/**
 * Owns this server's announcement of the service /32. All FRR actions run one at a time in
 * order; failed ones are retried by the next health tick, since each tick re-reconciles.
 */
export class AnnouncementController {
  readonly #deps: AnnouncementDeps;
  #state: AnnouncementState = 'withdrawn';
  #mode: AnnouncementMode = 'serving';
  #reason = 'starting';
  #sinceMs: number;
  #changes = 0;
  #lastError: string | null = null;
  #healthy = false;
  #healthReason = '';
  #queue: Promise<unknown> = Promise.resolve();
  #pendingReconcile: Promise<void> | undefined;
  #drain: { readonly abort: AbortController; readonly done: Promise<DrainResult> } | undefined;

  constructor(deps: AnnouncementDeps) {
    this.#deps = deps;
    this.#sinceMs = deps.wallNow();
  }

  status(): AnnouncementStatus {
    return {
      state: this.#state,
      mode: this.#mode,
      reason: this.#reason,
      sinceMs: this.#sinceMs,
      changes: this.#changes,
      lastError: this.#lastError,
    };
  }

  /** Withdraws a route an earlier run of this server may have left behind. */
  start(): Promise<void> {
    return this.#enqueue(async () => {
      try {
        const route = await this.#deps.driver.readState();
        if (!route.originated) return;
        this.#state = 'announced';
        await this.#deps.driver.withdraw();
        this.#change('withdrawn', 'startup', 'route left announced by an earlier run');
      } catch (error) {
        this.#fail('startup', error);
      }
    });
  }

  /** Records the health verdict and reconciles the announcement with it. */
  setHealth(healthy: boolean, reason: string): Promise<void> {
    this.#healthy = healthy;
    this.#healthReason = reason;
    return this.#scheduleReconcile();
  }

  /** GSHUT, wait for traffic to move, withdraw. Stays withdrawn until `undrain`. */
  drain(reason: string): Promise<DrainResult> {
    if (this.#drain) return this.#drain.done;
    if (this.#mode !== 'serving') return Promise.resolve({ outcome: 'not-announced', waitedMs: 0 });
    this.#mode = 'drained';
    const abort = new AbortController();
    const done = this.#enqueue(() => this.#runDrain(`drain: ${reason}`, 'drain', abort.signal));
    this.#drain = { abort, done };
    return done;
  }

  /** Cancels a drain in progress or ends a finished one; announces again if healthy. */
  undrain(reason: string): Promise<void> {
    if (this.#mode !== 'drained') return Promise.resolve();
    this.#mode = 'serving';
    this.#drain?.abort.abort();
    this.#drain = undefined;
    return this.#enqueue(() => this.#reconcile('undrain', `undrain: ${reason}`));
  }

  /** For a clean exit: drains (or finishes the drain in progress), then never announces again. */
  async shutdown(reason: string): Promise<DrainResult> {
    const previous = this.#mode;
    this.#mode = 'stopped';
    if (previous === 'drained' && this.#drain) {
      const result = await this.#drain.done;
      if (result.outcome !== 'cancelled') return result;
    }
    return this.#enqueue(() => this.#runDrain(`shutdown: ${reason}`, 'shutdown', new AbortController().signal));
  }

  /** Last resort on a fatal error: withdraw now, outside the queue. */
  async withdrawNow(reason: string): Promise<void> {
    this.#mode = 'stopped';
    this.#drain?.abort.abort();
    await this.#deps.driver.withdraw();
    if (this.#state !== 'withdrawn') this.#change('withdrawn', 'shutdown', reason);
  }

  /** Resolves once every queued action has run (for tests and shutdown). */
  idle(): Promise<void> {
    return this.#queue.then(() => undefined);
  }

  #scheduleReconcile(): Promise<void> {
    this.#pendingReconcile ??= this.#enqueue(async () => {
      this.#pendingReconcile = undefined;
      await this.#reconcile('health', this.#healthReason);
    });
    return this.#pendingReconcile;
  }

  async #reconcile(cause: ChangeCause, reason: string): Promise<void> {
    const target: AnnouncementState = this.#mode === 'serving' && this.#healthy ? 'announced' : 'withdrawn';
    if (target === this.#state) return;
    try {
      if (target === 'announced') await this.#deps.driver.announce();
      else await this.#deps.driver.withdraw();
      this.#change(target, cause, reason);
    } catch (error) {
      this.#fail(target === 'announced' ? 'announce' : 'withdraw', error);
    }
  }

  async #runDrain(reason: string, cause: ChangeCause, signal: AbortSignal): Promise<DrainResult> {
    if (this.#state === 'withdrawn') return { outcome: 'not-announced', waitedMs: 0 };
    let wait: DrainResult | undefined;
    try {
      await this.#deps.driver.announceGshut();
      this.#change('draining', cause, `${reason}: GSHUT sent, waiting for traffic to move`);
      wait = await waitForTrafficToMove(this.#deps.traffic, this.#deps.drain, this.#deps.now, this.#deps.sleep, signal);
      if (wait.outcome === 'cancelled') return wait;
    } catch (error) {
      // Without GSHUT peers cannot be warned; withdrawing is still better than staying announced.
      this.#fail('gshut', error);
    }
    try {
      await this.#deps.driver.withdraw();
    } catch (error) {
      this.#fail('withdraw', error);
      return { outcome: 'failed', waitedMs: wait?.waitedMs ?? 0 };
    }
    const ms = Math.round(wait?.waitedMs ?? 0);
    const how =
      wait === undefined
        ? 'GSHUT failed, withdrawn at once'
        : wait.outcome === 'quiet'
          ? `traffic moved after ${ms} ms`
          : `drain limit reached after ${ms} ms`;
    this.#change('withdrawn', cause, `${reason}: ${how}`);
    return wait ?? { outcome: 'failed', waitedMs: 0 };
  }

  #change(to: AnnouncementState, cause: ChangeCause, reason: string): void {
    const from = this.#state;
    this.#state = to;
    this.#reason = reason;
    this.#sinceMs = this.#deps.wallNow();
    this.#changes++;
    this.#lastError = null;
    this.#deps.events.onChange({ from, to, cause, reason });
  }

  #fail(action: string, error: unknown): void {
    this.#lastError = `${action}: ${error instanceof Error ? error.message : String(error)}`;
    this.#deps.events.onError(action, error);
  }

  #enqueue<T>(action: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(action);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
