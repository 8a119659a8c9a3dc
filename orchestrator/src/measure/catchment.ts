import { isOk } from './records.ts';
import type { ProbeRecord } from '../../../contracts/agent-api.ts';

/**
 * catchment(client, t): the PoP that answered the client's last ok request sent in
 * (atMs - lookbackMs, atMs]; null when nothing answered in that window.
 */
export function catchmentAt(records: readonly ProbeRecord[], atMs: number, lookbackMs: number): string | null {
  return lastAnsweringPop(records.filter((r) => r.sentAt > atMs - lookbackMs && r.sentAt <= atMs));
}

/** The PoP of the last ok answer to a request sent before atMs. */
export function catchmentBefore(records: readonly ProbeRecord[], atMs: number): string | null {
  return lastAnsweringPop(records.filter((r) => r.sentAt < atMs));
}

/** The PoP of the last ok answer to a request sent in [fromMs, toMs). */
export function catchmentAfter(records: readonly ProbeRecord[], fromMs: number, toMs: number): string | null {
  return lastAnsweringPop(records.filter((r) => r.sentAt >= fromMs && r.sentAt < toMs));
}

function lastAnsweringPop(records: readonly ProbeRecord[]): string | null {
  let pop: string | null = null;
  let latest = -Infinity;
  for (const r of records) {
    if (isOk(r) && r.pop !== undefined && r.sentAt >= latest) {
      pop = r.pop;
      latest = r.sentAt;
    }
  }
  return pop;
}
