import { describeFailures, evaluateHealth, type CheckResult, type HealthSample, type HealthThresholds } from './health-checks.ts';
import { Hysteresis, type HysteresisSettings } from './hysteresis.ts';

export interface HealthSettings extends HealthThresholds, HysteresisSettings {
  readonly intervalMs: number;
  /** Window the error rate is measured over. */
  readonly errorWindowMs: number;
}

export interface HealthReport {
  readonly healthy: boolean;
  readonly forcedUnhealthy: boolean;
  /** Why the current state holds: the failing checks, the operator, or that all checks pass. */
  readonly reason: string;
  readonly checks: readonly CheckResult[];
}

/**
 * Turns periodic samples into one health verdict: checks through hysteresis, and the operator
 * switch on top, which acts at once in both directions.
 */
export class HealthMonitor {
  readonly #settings: HealthSettings;
  readonly #hysteresis: Hysteresis;
  #forced: { readonly unhealthy: boolean; readonly reason: string } = { unhealthy: false, reason: '' };
  #checks: readonly CheckResult[] = [];
  #failures = '';
  #healthyReason = '';

  constructor(settings: HealthSettings) {
    this.#settings = settings;
    this.#hysteresis = new Hysteresis(settings);
  }

  get healthy(): boolean {
    return !this.#forced.unhealthy && this.#hysteresis.healthy;
  }

  /** Feeds one sample; returns the current verdict. */
  observe(sample: HealthSample): HealthReport {
    this.#checks = evaluateHealth(sample, this.#settings);
    this.#failures = describeFailures(this.#checks);
    if (this.#hysteresis.observe(this.#failures === '') && this.#hysteresis.healthy) {
      this.#healthyReason = `all checks passing (${this.#settings.rise} in a row)`;
    }
    return this.report();
  }

  setForcedUnhealthy(unhealthy: boolean, reason: string): HealthReport {
    this.#forced = { unhealthy, reason };
    return this.report();
  }

  report(): HealthReport {
    return {
      healthy: this.healthy,
      forcedUnhealthy: this.#forced.unhealthy,
      reason: this.#reason(),
      checks: this.#checks,
    };
  }

  #reason(): string {
    if (this.#forced.unhealthy) return `operator: ${this.#forced.reason}`;
    if (this.#hysteresis.healthy) return this.#healthyReason;
    if (this.#failures !== '') return this.#failures;
    return this.#checks.length === 0 ? 'starting: no check yet' : `recovering: needs ${this.#settings.rise} passing checks in a row`;
  }
}
