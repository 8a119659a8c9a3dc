/**
 * Packets waiting for their delivery time: a binary min-heap on (time, arrival sequence), so
 * packets due at the same instant leave in the order they came.
 */
interface Entry<T> {
  readonly atMs: number;
  readonly seq: number;
  readonly item: T;
}

export class DeliveryQueue<T> {
  readonly #heap: Entry<T>[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(atMs: number, item: T): void {
    const heap = this.#heap;
    heap.push({ atMs, seq: this.#seq++, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** The earliest delivery time waiting, if any. */
  nextAtMs(): number | undefined {
    return this.#heap[0]?.atMs;
  }

  /** Removes and returns every item due at or before `nowMs`, earliest first. */
  popDue(nowMs: number): T[] {
    const due: T[] = [];
    while (this.#heap.length > 0 && this.#heap[0]!.atMs <= nowMs) due.push(this.#pop());
    return due;
  }

  clear(): void {
    this.#heap.length = 0;
  }

  #pop(): T {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.#less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && this.#less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top.item;
  }

  #less(a: Entry<T>, b: Entry<T>): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }
}
