/**
 * What attacks did to the PoPs, from readings taken during the run on the one clock (epoch ms):
 * the bots' counters (what each PoP answered and refused, by `x-served-by`), the edges' kernel
 * filter drops, the origin's request count. Pure.
 */
import type { AttackKind } from '../../../contracts/attack-kinds.ts';
import type { AttackCounters } from '../../../contracts/agent-api.ts';
import { attackShares, timeToMitigateMs, type MitigationSecond } from './mitigation.ts';
import { computeSpread, type Spread } from './spread.ts';

/** An attack as a run started it: from its start to its `for`, or to its stop if that came first. */
export interface AttackEvent {
  /** The scenario's id for it. */
  readonly id: string;
  readonly kind: AttackKind;
  readonly from: readonly string[];
  /** Units of the kind per second, over all bots together. */
  readonly rate: number;
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly bots: readonly { readonly node: string; readonly botnet: string }[];
}

/** One bot's counters for its share of an attack (since the attack started), read at `atMs`. */
export interface BotReading {
  readonly atMs: number;
  /** The scenario's id of the attack. */
  readonly attack: string;
  readonly node: string;
  readonly counters: AttackCounters;
}

/** Packets one edge server's kernel filter (EDGE-BLOCK) dropped since the edge started, as counted at `atMs`. */
export interface EdgeDropReading {
  readonly atMs: number;
  readonly pop: string;
  readonly server: string;
  readonly droppedPackets: number;
}

/** Requests the origin counted since it started (or was reset), read at `atMs`. */
export interface OriginReading {
  readonly atMs: number;
  readonly total: number;
}

export interface AttackReadings {
  readonly bots: readonly BotReading[];
  readonly edges: readonly EdgeDropReading[];
  readonly origin: readonly OriginReading[];
}

export const NO_READINGS: AttackReadings = { bots: [], edges: [], origin: [] };

/**
 * After an attack ends its last requests are still answered or time out (the agent waits 2 s for
 * an answer), and the edges count drops once per mitigation window: readings this long after the
 * end still belong to it.
 */
export const ATTACK_TAIL_MS = 3000;

export interface PopAttackImpact {
  readonly name: string;
  /** Attack requests (connections, streams) the PoP answered, refusals included. */
  readonly received: number;
  /** Refused in user space (429, 403, connections closed). */
  readonly blocked: number;
  /** Packets the PoP's kernel filter dropped while the attack ran; null when the edges do not count them. */
  readonly dropped: number | null;
  /** received - blocked. */
  readonly served: number;
  /** (received + dropped) over every PoP's, 0..1. */
  readonly share: number;
  /** Attack start to the first second with >= 90% of the PoP's attack traffic blocked or dropped; null: never, or no traffic. */
  readonly timeToMitigateMs: number | null;
}

export interface AttackImpact {
  readonly event: AttackEvent;
  readonly sent: number;
  readonly pops: readonly PopAttackImpact[];
  /** Over every PoP of the lab, by what reached each (received + dropped). */
  readonly spread: Spread;
}

/**
 * One attack's impact per PoP over [its start, `untilMs`] (default: its end plus the tail). Every
 * PoP of the lab is listed, in the order given, so one the attack never reached counts in the spread.
 */
export function measureAttack(event: AttackEvent, readings: AttackReadings, pops: readonly string[], untilMs?: number): AttackImpact {
  const endMs = Math.min(untilMs ?? Infinity, event.endedAtMs + ATTACK_TAIL_MS);
  const startMs = event.startedAtMs;
  // A bot's counters are its share of this attack only: the last reading up to `untilMs` is its
  // total (late answers included), while the per-second series stops with the tail.
  const bots = readings.bots.filter((r) => r.attack === event.id && r.atMs <= (untilMs ?? Infinity));
  const seconds = new Map<string, Map<number, { received: number; blocked: number; dropped: number }>>();
  const second = (pop: string, atMs: number) => {
    const byBucket = seconds.get(pop) ?? seconds.set(pop, new Map()).get(pop)!;
    const bucket = Math.max(0, Math.floor((atMs - startMs) / 1000));
    return byBucket.get(bucket) ?? byBucket.set(bucket, { received: 0, blocked: 0, dropped: 0 }).get(bucket)!;
  };

  const totals = new Map<string, { received: number; blocked: number }>(pops.map((p) => [p, { received: 0, blocked: 0 }]));
  let sent = 0;
  for (const node of new Set(bots.map((r) => r.node))) {
    let previous: AttackCounters['byPop'] = {};
    const own = bots.filter((r) => r.node === node).sort((a, b) => a.atMs - b.atMs);
    for (const reading of own.filter((r) => r.atMs <= endMs)) {
      for (const [pop, now] of Object.entries(reading.counters.byPop)) {
        const s = second(pop, reading.atMs);
        s.received += Math.max(0, now.received - (previous[pop]?.received ?? 0));
        s.blocked += Math.max(0, now.blocked - (previous[pop]?.blocked ?? 0));
      }
      previous = reading.counters.byPop;
    }
    const last = own.at(-1)!.counters;
    sent += last.sent;
    for (const [pop, at] of Object.entries(last.byPop)) {
      const sum = totals.get(pop) ?? totals.set(pop, { received: 0, blocked: 0 }).get(pop)!;
      sum.received += at.received;
      sum.blocked += at.blocked;
    }
  }

  const dropped = kernelDrops(readings.edges, startMs, endMs, (pop, atMs, packets) => {
    second(pop, atMs).dropped += packets;
  });
  const reached = [...totals].map(([name, t]) => ({ name, received: t.received, dropped: dropped?.get(name) ?? 0 }));
  const shares = attackShares(reached);
  return {
    event,
    sent,
    pops: [...totals].map(([name, t], i) => {
      const series: MitigationSecond[] = [...(seconds.get(name) ?? new Map()).entries()].map(([bucket, s]) => ({ atMs: startMs + bucket * 1000, ...s }));
      return {
        name,
        received: t.received,
        blocked: t.blocked,
        dropped: dropped === undefined ? null : (dropped.get(name) ?? 0),
        served: t.received - t.blocked,
        share: shares[i]!.share,
        timeToMitigateMs: timeToMitigateMs(series, startMs),
      };
    }),
    spread: computeSpread(shares.map((s) => s.reached)),
  };
}

/**
 * Kernel drops per PoP over (startMs, endMs]: each server's counter at the end less its counter
 * at the start (its last reading before the start, else its first one), each increase also
 * passed to `onDelta` at the time it was counted. Undefined when no edge reported a counter.
 */
function kernelDrops(
  readings: readonly EdgeDropReading[],
  startMs: number,
  endMs: number,
  onDelta: (pop: string, atMs: number, packets: number) => void,
): Map<string, number> | undefined {
  if (readings.length === 0) return undefined;
  const byPop = new Map<string, number>();
  for (const key of new Set(readings.map((r) => `${r.pop}/${r.server}`))) {
    const own = readings.filter((r) => `${r.pop}/${r.server}` === key).sort((a, b) => a.atMs - b.atMs);
    const before = own.filter((r) => r.atMs <= startMs).at(-1);
    const during = own.filter((r) => r.atMs > startMs && r.atMs <= endMs);
    let previous = before?.droppedPackets ?? during[0]?.droppedPackets ?? 0;
    let sum = 0;
    for (const r of during) {
      // A counter lower than the last one: the edge restarted and counts from zero again.
      const delta = r.droppedPackets >= previous ? r.droppedPackets - previous : r.droppedPackets;
      if (delta > 0) onDelta(r.pop, r.atMs, delta);
      sum += delta;
      previous = r.droppedPackets;
    }
    const pop = own[0]!.pop;
    byPop.set(pop, (byPop.get(pop) ?? 0) + sum);
  }
  return byPop;
}

/** Requests per second the origin received over [fromMs, toMs], from the readings in it; null with fewer than two. */
export function originRate(readings: readonly OriginReading[], fromMs: number, toMs: number): number | null {
  const inside = readings.filter((r) => r.atMs >= fromMs && r.atMs <= toMs).sort((a, b) => a.atMs - b.atMs);
  if (inside.length < 2) return null;
  let requests = 0;
  for (let i = 1; i < inside.length; i++) {
    const [a, b] = [inside[i - 1]!, inside[i]!];
    requests += b.total >= a.total ? b.total - a.total : b.total;
  }
  return requests / ((inside.at(-1)!.atMs - inside[0]!.atMs) / 1000);
}

/** The origin's rate before the first attack and while attacks ran (first start to last end); null without attacks or readings. */
export function originLoad(readings: readonly OriginReading[], attacks: readonly AttackEvent[], runStartMs: number): { readonly before: number | null; readonly during: number | null } {
  if (attacks.length === 0) return { before: null, during: null };
  const first = Math.min(...attacks.map((a) => a.startedAtMs));
  const last = Math.max(...attacks.map((a) => a.endedAtMs));
  return { before: originRate(readings, runStartMs, first), during: originRate(readings, first, last) };
}
