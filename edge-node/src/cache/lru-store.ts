export interface LruStoreEvents {
  onEvict(count: number): void;
  onSizeChange(bytes: number, objects: number): void;
}

interface Slot<V> {
  readonly value: V;
  readonly size: number;
  /** Set by a hit; gives the entry a second chance when eviction reaches it. */
  used: boolean;
}

/**
 * Entries bounded by total size, evicted in least-recently-used order by the CLOCK
 * (second-chance) approximation: a hit only marks its entry, and eviction, walking from the
 * oldest, moves marked entries to the young end instead of dropping them. Hits stay O(1) with no
 * reordering, which an exact LRU would pay on every hit of the hot path.
 */
export class LruStore<V> {
  readonly #maxBytes: number;
  readonly #sizeOf: (key: string, value: V) => number;
  readonly #events: LruStoreEvents;
  readonly #entries = new Map<string, Slot<V>>();
  #bytes = 0;

  constructor(maxBytes: number, sizeOf: (key: string, value: V) => number, events: LruStoreEvents) {
    this.#maxBytes = maxBytes;
    this.#sizeOf = sizeOf;
    this.#events = events;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get count(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const slot = this.#entries.get(key);
    if (!slot) return undefined;
    slot.used = true;
    return slot.value;
  }

  /** Stores `value` unless it alone exceeds the bound; evicts as needed. */
  set(key: string, value: V): boolean {
    const size = this.#sizeOf(key, value);
    if (size > this.#maxBytes) return false;
    this.#remove(key);
    this.#entries.set(key, { value, size, used: false });
    this.#bytes += size;
    let evicted = 0;
    while (this.#bytes > this.#maxBytes) {
      const [oldest, slot] = this.#entries.entries().next().value as [string, Slot<V>];
      this.#entries.delete(oldest);
      if (slot.used) {
        slot.used = false;
        this.#entries.set(oldest, slot);
      } else {
        this.#bytes -= slot.size;
        evicted++;
      }
    }
    if (evicted > 0) this.#events.onEvict(evicted);
    this.#events.onSizeChange(this.#bytes, this.#entries.size);
    return true;
  }

  delete(key: string): void {
    if (this.#remove(key)) this.#events.onSizeChange(this.#bytes, this.#entries.size);
  }

  #remove(key: string): boolean {
    const slot = this.#entries.get(key);
    if (!slot) return false;
    this.#entries.delete(key);
    this.#bytes -= slot.size;
    return true;
  }
}
