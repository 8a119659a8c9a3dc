/**
 * Responses and server errors over a sliding window, kept in fixed one-slot-per-interval
 * counters so recording stays O(1) on the request path.
 */
export class ErrorWindow {
  readonly #slotMs: number;
  readonly #responses: number[];
  readonly #errors: number[];
  #slot = 0;

  constructor(windowMs: number, slots: number, nowMs: number) {
    this.#slotMs = windowMs / slots;
    this.#responses = new Array<number>(slots).fill(0);
    this.#errors = new Array<number>(slots).fill(0);
    this.#slot = Math.floor(nowMs / this.#slotMs);
  }

  record(isError: boolean, nowMs: number): void {
    const i = this.#advance(nowMs);
    this.#responses[i] = (this.#responses[i] ?? 0) + 1;
    if (isError) this.#errors[i] = (this.#errors[i] ?? 0) + 1;
  }

  totals(nowMs: number): { readonly responses: number; readonly errors: number } {
    this.#advance(nowMs);
    return { responses: sum(this.#responses), errors: sum(this.#errors) };
  }

  #advance(nowMs: number): number {
    const slot = Math.floor(nowMs / this.#slotMs);
    const n = this.#responses.length;
    for (let s = this.#slot + 1; s <= slot && s <= this.#slot + n; s++) {
      this.#responses[s % n] = 0;
      this.#errors[s % n] = 0;
    }
    if (slot > this.#slot) this.#slot = slot;
    return this.#slot % n;
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
