/**
 * What a chaos run saw, on one clock: every container shares the host's clock, so probe send times,
 * fault times and BGP observations are all epoch milliseconds (`Date.now()`) and compare directly.
 */

import type { ProbeRecord } from '../../../contracts/agent-api.ts';
import type { AttackEvent, AttackReadings } from './attack-impact.ts';

/** The records of one probe node in a client network. */
export interface ClientTimeline {
  readonly client: string;
  readonly node: string;
  readonly records: readonly ProbeRecord[];
}

/** A fault as injected. A flap is one event; `cycles` holds each of its down/up periods. */
export interface FaultEvent {
  readonly id: string;
  readonly kind: string;
  /** Human-readable target, e.g. `tokyo`, `t-asia--tokyo`, `t-asia peer tokyo`. */
  readonly target: string;
  readonly atMs: number;
  readonly revertedAtMs?: number;
  readonly cycles?: readonly FlapCycle[];
}

export interface FlapCycle {
  readonly downAtMs: number;
  readonly upAtMs?: number;
}

/** A BGP session state seen on `router` for its neighbour `peer` (FRR state names). */
export interface BgpEvent {
  readonly atMs: number;
  readonly router: string;
  readonly peer: string;
  readonly state: string;
}

/** Whether `router` had `prefix` in its table when looked at. */
export interface RouteObservation {
  readonly atMs: number;
  readonly router: string;
  readonly prefix: string;
  readonly present: boolean;
}

export interface RunTimeline {
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly clients: readonly ClientTimeline[];
  readonly faults: readonly FaultEvent[];
  readonly bgp: readonly BgpEvent[];
  readonly routes: readonly RouteObservation[];
  /** The attacks the run started, and what was read of bots, edges and origin while they ran (none when the scenario has no attack). */
  readonly attacks?: readonly AttackEvent[];
  readonly attackReadings?: AttackReadings;
}

/** Every record of a client network (all its probe nodes), in send order. */
export function recordsOfClient(timeline: RunTimeline, client: string): ProbeRecord[] {
  return sortBySendTime(timeline.clients.filter((c) => c.client === client).flatMap((c) => c.records));
}

/** Every record of every client, in send order. */
export function recordsOfAllClients(timeline: RunTimeline): ProbeRecord[] {
  return sortBySendTime(timeline.clients.flatMap((c) => c.records));
}

/** Client network names in the order they first appear. */
export function clientNames(timeline: RunTimeline): string[] {
  return [...new Set(timeline.clients.map((c) => c.client))];
}

export function sortBySendTime(records: readonly ProbeRecord[]): ProbeRecord[] {
  return [...records].sort((x, y) => x.sentAt - y.sentAt || x.seq - y.seq);
}
