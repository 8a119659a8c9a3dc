import { catchmentBefore } from '../measure/catchment.ts';
import { isOk } from '../measure/records.ts';
import type { ProbeRecord } from '../../../contracts/agent-api.ts';
import { sortBySendTime, type ClientTimeline } from '../measure/timeline.ts';

/**
 * When the lab is back after the run's last revert, judged from the probes alone: every client is
 * answered again, for a whole stable window, by the PoP that served it before the first step.
 * (Reading every router's BGP state instead means a `docker exec` per router; on a small machine
 * that burst of work can starve bfdd long enough to take sessions down, disturbing what it checks.)
 */

function byClient(clients: readonly ClientTimeline[]): Map<string, ProbeRecord[]> {
  const records = new Map<string, ProbeRecord[]>();
  for (const c of clients) records.set(c.client, [...(records.get(c.client) ?? []), ...c.records]);
  return new Map([...records].map(([client, list]) => [client, sortBySendTime(list)]));
}

/** Each client's PoP before `atMs` (null: it was not answered). */
export function baselineCatchments(clients: readonly ClientTimeline[], atMs: number): Map<string, string | null> {
  return new Map([...byClient(clients)].map(([client, records]) => [client, catchmentBefore(records, atMs)]));
}

/**
 * Whether every client was answered ok, by its baseline PoP, for every request sent in the stable
 * window that ends at `untilMs` (requests sent later may still be in flight).
 */
export function isSettled(clients: readonly ClientTimeline[], baseline: ReadonlyMap<string, string | null>, untilMs: number, windowMs: number): boolean {
  return [...byClient(clients)].every(([client, records]) => {
    const window = records.filter((r) => r.sentAt > untilMs - windowMs && r.sentAt <= untilMs);
    const pop = baseline.get(client) ?? null;
    return window.length > 0 && window.every((r) => isOk(r) && (pop === null || r.pop === pop));
  });
}
