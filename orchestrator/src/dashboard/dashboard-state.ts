import { shortestPath, type TopologyGraph } from '../graph/topology-graph.ts';
import type { AttackView, CatchmentView, FaultInForce, LinkView, Mark, PopLoad, Snapshot } from './dashboard-api.ts';

/**
 * What the dashboard shows, computed from readings: pure functions, so the live feed and the
 * replay make the same snapshots and marks from the same kind of input.
 */

/** One probe's answer: the PoP that served it, or none. */
export interface ProbeLanding {
  readonly client: string;
  readonly pop: string | null;
}

/** Per client network, the PoP most of its probes reached (ties: the first by name), with a path to it. */
export function catchmentViews(graph: TopologyGraph, landings: readonly ProbeLanding[]): CatchmentView[] {
  const clients = graph.nodes.filter((n) => n.kind === 'client').map((n) => n.id);
  return clients.map((client) => {
    const mine = landings.filter((l) => l.client === client);
    const counts = new Map<string, number>();
    for (const l of mine) if (l.pop !== null) counts.set(l.pop, (counts.get(l.pop) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const pop = ranked[0]?.[0] ?? null;
    const answered = [...counts.values()].reduce((sum, n) => sum + n, 0);
    return { client, pop, answered, probes: mine.length, path: pop ? shortestPath(graph, client, pop) : [] };
  });
}

export interface SessionReading {
  readonly router: string;
  /** The peer's node name (the neighbor's description). */
  readonly peerName: string;
  readonly state: string;
}

/** Each graph link that carries BGP, with the state of the sessions between its two ends (both ends' views counted). */
export function linkViews(graph: TopologyGraph, sessions: readonly SessionReading[]): LinkView[] {
  const views: LinkView[] = [];
  for (const link of graph.links) {
    const between = sessions.filter((s) => (s.router === link.a && s.peerName === link.b) || (s.router === link.b && s.peerName === link.a));
    if (between.length === 0) continue;
    const up = between.filter((s) => s.state === 'Established').length;
    const state = up === between.length ? 'established' : up === 0 ? 'down' : 'partial';
    views.push({ link: `${link.a}--${link.b}`, state, detail: `${up}/${between.length} Established` });
  }
  return views;
}

/** Counters read from one edge server's /metrics at one time. */
export interface EdgeCounters {
  readonly atMs: number;
  readonly pop: string;
  readonly server: string;
  readonly requests: number;
  readonly blocked: number;
}

/** One attack's counters as its bots saw them at one time: attack requests each PoP answered. */
export interface AttackCounts {
  readonly atMs: number;
  readonly id: string;
  readonly byPop: Readonly<Record<string, number>>;
}

/** Attack requests per second each PoP answered, between two readings of each attack (an attack read once counts 0). */
export function attackRates(before: readonly AttackCounts[], after: readonly AttackCounts[]): Map<string, number> {
  const rates = new Map<string, number>();
  for (const now of after) {
    const then = before.find((b) => b.id === now.id);
    const seconds = then ? (now.atMs - then.atMs) / 1000 : 0;
    if (!then || seconds <= 0) continue;
    for (const [pop, received] of Object.entries(now.byPop)) {
      const grown = received - (then.byPop[pop] ?? 0);
      if (grown > 0) rates.set(pop, (rates.get(pop) ?? 0) + grown / seconds);
    }
  }
  return rates;
}

/**
 * Per PoP, requests and blocks per second between two readings of each server (a server read once
 * counts 0), with the attack requests per second the bots saw it answer.
 */
export function popLoads(pops: readonly string[], before: readonly EdgeCounters[], after: readonly EdgeCounters[], attacks: ReadonlyMap<string, number> = new Map()): PopLoad[] {
  return pops.map((pop) => {
    let rps = 0;
    let blocked = 0;
    for (const now of after.filter((c) => c.pop === pop)) {
      const then = before.find((c) => c.server === now.server);
      const seconds = then ? (now.atMs - then.atMs) / 1000 : 0;
      // A restarted server's counters start again from 0: no rate for that interval.
      if (!then || seconds <= 0 || now.requests < then.requests || now.blocked < then.blocked) continue;
      rps += (now.requests - then.requests) / seconds;
      blocked += (now.blocked - then.blocked) / seconds;
    }
    return { pop, rps: round(rps), blocked_rps: round(blocked), attack_rps: round(attacks.get(pop) ?? 0) };
  });
}

const round = (x: number): number => Math.round(x * 10) / 10;

const sameIds = <T extends { id: string }>(list: readonly T[]): Set<string> => new Set(list.map((x) => x.id));

/** The last fault or revert mark at or before `atMs`. */
function lastFaultMark(marks: readonly Mark[], atMs: number): Mark | undefined {
  return marks.filter((m) => (m.kind === 'fault' || m.kind === 'revert') && m.at_ms <= atMs).at(-1);
}

/**
 * What changed from one snapshot to the next, as timeline marks: faults put in force or taken back,
 * attacks started or finished, nodes down or back, BGP links going down or coming back, and every
 * client network whose PoP changed (with the time since the last fault or revert: its convergence as
 * the dashboard saw it). `earlier` are the marks so far, for that time.
 */
export function marksBetween(before: Snapshot | undefined, after: Snapshot, earlier: readonly Mark[] = []): Mark[] {
  const at = after.at_ms;
  const marks: Mark[] = [];
  const faultsBefore = sameIds<FaultInForce>(before?.faults ?? []);
  const faultsAfter = sameIds(after.faults);
  for (const f of after.faults) if (!faultsBefore.has(f.id)) marks.push({ at_ms: Math.min(at, f.applied_at_ms ?? at), kind: 'fault', text: `${f.kind} ${f.target} (${f.id})` });
  for (const f of before?.faults ?? []) if (!faultsAfter.has(f.id)) marks.push({ at_ms: at, kind: 'revert', text: `reverted ${f.kind} ${f.target} (${f.id})` });
  const running = (list: readonly AttackView[]) => new Set(list.filter((a) => a.state === 'running').map((a) => a.id));
  const runningBefore = running(before?.attacks ?? []);
  const runningAfter = running(after.attacks);
  for (const a of after.attacks) if (runningAfter.has(a.id) && !runningBefore.has(a.id)) marks.push({ at_ms: at, kind: 'attack', text: `${a.kind} from ${a.from.join(', ')} (${a.id})` });
  for (const a of before?.attacks ?? []) if (runningBefore.has(a.id) && !runningAfter.has(a.id)) marks.push({ at_ms: at, kind: 'attack-end', text: `${a.kind} ${a.id} ended` });
  if (before) {
    const downBefore = new Set(before.down_nodes);
    const downAfter = new Set(after.down_nodes);
    for (const n of after.down_nodes) if (!downBefore.has(n)) marks.push({ at_ms: at, kind: 'node', text: `${n} is down` });
    for (const n of before.down_nodes) if (!downAfter.has(n)) marks.push({ at_ms: at, kind: 'node', text: `${n} is back` });
    const linkBefore = new Map(before.links.map((l) => [l.link, l.state]));
    for (const l of after.links) {
      const was = linkBefore.get(l.link);
      if (was !== undefined && was !== l.state) marks.push({ at_ms: at, kind: 'bgp', text: `BGP ${l.link}: ${was} -> ${l.state}` });
    }
  }
  const cause = lastFaultMark([...earlier, ...marks], at);
  for (const c of after.catchment) {
    const was = before?.catchment.find((b) => b.client === c.client);
    if (!was || was.pop === c.pop) continue;
    marks.push({
      at_ms: at,
      kind: 'catchment',
      text: `${c.client}: ${was.pop ?? 'none'} -> ${c.pop ?? 'none'}`,
      client: c.client,
      from: was.pop,
      to: c.pop,
      ...(cause ? { since_fault_ms: at - cause.at_ms } : {}),
    });
  }
  return marks;
}

/** Whether two snapshots differ in anything but their time (the stream sends only changes and a beat). */
export function sameSnapshot(a: Snapshot | undefined, b: Snapshot): boolean {
  if (!a) return false;
  const { at_ms: _a, ...restA } = a;
  const { at_ms: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}
