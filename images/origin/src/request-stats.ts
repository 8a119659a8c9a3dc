import type { OriginStats } from '../../../contracts/origin-api.ts';

/** Requests counted per URL (path and query), in bounded memory. */
export class RequestStats {
  readonly #maxKeys: number;
  #counts = new Map<string, number>();
  #total = 0;
  #sinceMs = Date.now();

  constructor(maxKeys: number) {
    this.#maxKeys = maxKeys;
  }

  count(url: string): void {
    const key = this.#counts.has(url) || this.#counts.size < this.#maxKeys ? url : '(other)';
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    this.#total++;
  }

  reset(): void {
    this.#counts = new Map();
    this.#total = 0;
    this.#sinceMs = Date.now();
  }

  snapshot(): OriginStats {
    return { total: this.#total, since: new Date(this.#sinceMs).toISOString(), paths: Object.fromEntries(this.#counts) };
  }
}
