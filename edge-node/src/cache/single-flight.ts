/** Request coalescing: concurrent calls for one key share the first caller's promise. */
export class SingleFlight<V> {
  readonly #inFlight = new Map<string, Promise<V>>();

  get size(): number {
    return this.#inFlight.size;
  }

  run(key: string, work: () => Promise<V>): { readonly promise: Promise<V>; readonly leader: boolean } {
    const existing = this.#inFlight.get(key);
    if (existing) return { promise: existing, leader: false };
    const promise = work().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, promise);
    return { promise, leader: true };
  }
}
