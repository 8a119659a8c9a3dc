export interface HysteresisSettings {
  /** Consecutive passing checks before an unhealthy server counts as healthy. */
  readonly rise: number;
  /** Consecutive failing checks before a healthy server counts as unhealthy. */
  readonly fall: number;
}

/**
 * Rise/fall counting (as in haproxy) so one slow tick does not withdraw a route and one good
 * tick does not bring it back. Starts unhealthy: a server earns its announcement.
 */
export class Hysteresis {
  readonly #settings: HysteresisSettings;
  #healthy = false;
  #streak = 0;

  constructor(settings: HysteresisSettings) {
    this.#settings = settings;
  }

  get healthy(): boolean {
    return this.#healthy;
  }

  /** Feeds one check result; true when it flipped the state. */
  observe(passed: boolean): boolean {
    if (passed === this.#healthy) {
      this.#streak = 0;
      return false;
    }
    this.#streak++;
    if (this.#streak < (passed ? this.#settings.rise : this.#settings.fall)) return false;
    this.#healthy = passed;
    this.#streak = 0;
    return true;
  }
}
