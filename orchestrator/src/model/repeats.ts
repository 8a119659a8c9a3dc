/** Finding the items that repeat an earlier item's key. */

export interface Repeat<T> {
  readonly first: T;
  readonly repeat: T;
}

/** Each item whose key an earlier item already had, with that earlier item. */
export function findRepeats<T>(items: readonly T[], key: (item: T) => string): Repeat<T>[] {
  const first = new Map<string, T>();
  const repeats: Repeat<T>[] = [];
  for (const item of items) {
    const earlier = first.get(key(item));
    if (earlier === undefined) first.set(key(item), item);
    else repeats.push({ first: earlier, repeat: item });
  }
  return repeats;
}
