import { isOk, recordsBetween } from './records.ts';
import type { ProbeRecord } from '../../../contracts/agent-api.ts';

export interface LatencySummary {
  readonly p50: number | null;
  readonly p95: number | null;
}

/** Nearest-rank percentile (p in 0..100); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? null;
}

/** p50 and p95 latency of the ok answers to requests sent in [fromMs, toMs). */
export function summarizeLatency(records: readonly ProbeRecord[], fromMs: number, toMs: number): LatencySummary {
  const latencies = recordsBetween(records, fromMs, toMs).filter(isOk).map((r) => r.latencyMs);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}
