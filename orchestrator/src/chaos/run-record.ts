import type { BgpEvent, ClientTimeline, FaultEvent, RouteObservation, RunTimeline } from '../measure/timeline.ts';
import { REPAIR_KINDS, type FaultKind } from '../faults/registry.ts';
import type { InjectedFault } from './faults/fault-controller.ts';

interface FaultEntry {
  readonly fault: InjectedFault;
  revertedAtMs?: number;
}

/** What a run did and saw, as it happens, on the one clock (epoch ms); the timeline at the end. */
export class RunRecord {
  private readonly faults: FaultEntry[] = [];
  private readonly bgp: BgpEvent[] = [];
  private readonly routes: RouteObservation[] = [];

  constructor(readonly startedAtMs: number) {}

  faultApplied(fault: InjectedFault): void {
    this.faults.push({ fault });
    for (const id of fault.repaired) this.faultReverted(id, fault.atMs);
  }

  faultReverted(id: string, atMs: number): void {
    const entry = this.faults.find((f) => f.fault.id === id && f.revertedAtMs === undefined);
    if (entry) entry.revertedAtMs = atMs;
  }

  /** Ids of the faults this run made that are still in force (repairs never are). */
  inForce(): string[] {
    return this.faults.filter((f) => f.revertedAtMs === undefined && !REPAIR_KINDS.has(f.fault.kind as FaultKind)).map((f) => f.fault.id);
  }

  sessionSeen(event: BgpEvent): void {
    this.bgp.push(event);
  }

  routeSeen(observation: RouteObservation): void {
    this.routes.push(observation);
  }

  /** The timeline from the start to `endedAtMs`: probe records sent in that interval, every event. */
  timeline(endedAtMs: number, clients: readonly ClientTimeline[]): RunTimeline {
    const inRun = (atMs: number): boolean => atMs >= this.startedAtMs && atMs <= endedAtMs;
    return {
      startedAtMs: this.startedAtMs,
      endedAtMs,
      clients: clients.map((c) => ({ ...c, records: c.records.filter((r) => inRun(r.sentAt)) })),
      faults: this.faults.map(({ fault, revertedAtMs }): FaultEvent => ({
        id: fault.id,
        kind: fault.kind,
        target: fault.target,
        atMs: fault.atMs,
        ...(revertedAtMs === undefined ? {} : { revertedAtMs }),
        ...(fault.cycles === undefined ? {} : { cycles: [...fault.cycles] }),
      })),
      bgp: [...this.bgp].sort((a, b) => a.atMs - b.atMs),
      routes: [...this.routes].sort((a, b) => a.atMs - b.atMs),
    };
  }
}
