/** Calls `next` `count` times and counts each result, e.g. `{ allow: 10, 'source-limited': 5 }`. */
export function tally(count: number, next: () => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const result = next();
    counts[result] = (counts[result] ?? 0) + 1;
  }
  return counts;
}
