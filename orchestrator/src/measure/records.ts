import type { ProbeRecord } from '../../../contracts/agent-api.ts';

export function isOk(record: ProbeRecord): boolean {
  return record.outcome === 'ok';
}

/** Records sent in [fromMs, toMs). */
export function recordsBetween(records: readonly ProbeRecord[], fromMs: number, toMs: number): ProbeRecord[] {
  return records.filter((r) => r.sentAt >= fromMs && r.sentAt < toMs);
}

/** Failed requests sent in [fromMs, toMs). */
export function countFailed(records: readonly ProbeRecord[], fromMs: number, toMs: number): number {
  return recordsBetween(records, fromMs, toMs).filter((r) => !isOk(r)).length;
}

/** Share of ok answers, 0..1; null when there is no request to judge. */
export function successRate(records: readonly ProbeRecord[]): number | null {
  return records.length === 0 ? null : records.filter(isOk).length / records.length;
}
