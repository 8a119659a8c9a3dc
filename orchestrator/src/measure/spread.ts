import type { ProbeRecord } from '../../../contracts/agent-api.ts';

export interface PopShare {
  readonly name: string;
  readonly requests: number;
  /** requests / all requests, 0..1 (0 when there were none). */
  readonly share: number;
}

export interface Spread {
  /** Busiest PoP's requests over the mean per PoP; 1 is perfectly even. Null without requests. */
  readonly maxOverMean: number | null;
  /** Jain's fairness index (sum x)^2 / (n * sum x^2), 1/n..1. Null without requests. */
  readonly jain: number | null;
}

/**
 * Requests answered per PoP (any answer carrying the PoP, errors and 429s included). PoPs listed in
 * `pops` appear even with no request: a PoP that serves nobody makes the spread worse.
 */
export function countRequestsByPop(records: readonly ProbeRecord[], pops: readonly string[] = []): Map<string, number> {
  const counts = new Map<string, number>(pops.map((p) => [p, 0]));
  for (const r of records) {
    if (r.pop !== undefined) counts.set(r.pop, (counts.get(r.pop) ?? 0) + 1);
  }
  return counts;
}

export function popShares(counts: ReadonlyMap<string, number>): PopShare[] {
  const total = sum([...counts.values()]);
  return [...counts].map(([name, requests]) => ({ name, requests, share: total === 0 ? 0 : requests / total }));
}

export function computeSpread(counts: readonly number[]): Spread {
  const total = sum(counts);
  if (counts.length === 0 || total === 0) return { maxOverMean: null, jain: null };
  const mean = total / counts.length;
  return {
    maxOverMean: Math.max(...counts) / mean,
    jain: (total * total) / (counts.length * sum(counts.map((x) => x * x))),
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
