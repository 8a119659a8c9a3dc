import type { CatchmentEntry } from '../lab/readiness.ts';
import { renderTable } from './table.ts';

/** Who serves whom: one row per probe. */
export function catchmentTable(entries: readonly CatchmentEntry[]): string {
  return renderTable(
    ['client', 'probe', 'served by', 'latency'],
    entries.map((e) => [e.client, e.probe, e.pop ? `${e.pop}/${e.server}` : `(${e.outcome})`, e.latencyMs !== undefined ? `${e.latencyMs} ms` : '-']),
  );
}

export function catchmentJson(entries: readonly CatchmentEntry[]): object[] {
  return entries.map((c) => ({ client: c.client, probe: c.probe, pop: c.pop ?? null, server: c.server ?? null, latency_ms: c.latencyMs ?? null, outcome: c.outcome }));
}
