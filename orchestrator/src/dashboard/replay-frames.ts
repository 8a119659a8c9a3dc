import type { TopologyGraph } from '../graph/topology-graph.ts';
import type { RunReport } from '../report/types.ts';
import type { AttackView, FaultInForce, PopLoad, Snapshot } from './dashboard-api.ts';
import { catchmentViews, linkViews, type ProbeLanding, type SessionReading } from './dashboard-state.ts';

/** A probe's last answer counts for this long; older, the probe is taken as unanswered. */
const LANDING_MEMORY_MS = 2000;

/**
 * A finished chaos run as the snapshots the live feed would have published, one every `stepMs`
 * of the run: catchment from the probes' records, BGP links from the sessions the run watched,
 * faults and attacks from when they were in force, per-PoP load from the probes' own requests
 * (the report keeps no edge counters over time).
 */
export function replayFrames(report: RunReport, graph: TopologyGraph, stepMs = 250): Snapshot[] {
  const startMs = Date.parse(report.started_at);
  const base = Number.isFinite(startMs) ? startMs : 0;
  const pops = graph.nodes.filter((n) => n.kind === 'pop').map((n) => n.id);
  const frames: Snapshot[] = [];
  for (let t = 0; t <= report.duration_ms; t += stepMs) frames.push(frameAt(report, graph, pops, t, base));
  if (report.duration_ms % stepMs !== 0) frames.push(frameAt(report, graph, pops, report.duration_ms, base));
  return frames;
}

function frameAt(report: RunReport, graph: TopologyGraph, pops: readonly string[], t: number, base: number): Snapshot {
  const landings: ProbeLanding[] = report.timeline.clients.map((c) => {
    const last = c.records.filter((r) => r.at_ms <= t && r.at_ms > t - LANDING_MEMORY_MS).at(-1);
    return { client: c.client, pop: last?.outcome === 'ok' ? (last.pop ?? null) : null };
  });
  const sessions = new Map<string, SessionReading>();
  for (const e of report.timeline.bgp) if (e.at_ms <= t) sessions.set(`${e.router} ${e.peer}`, { router: e.router, peerName: e.peer, state: e.state });
  const faults: FaultInForce[] = report.faults
    .filter((f) => f.at_ms <= t && (f.reverted_at_ms === null || f.reverted_at_ms > t))
    .map((f) => ({ id: f.id, kind: f.kind, target: f.target }));
  const attacks: AttackView[] = report.attacks
    .filter((a) => a.at_ms <= t)
    .map((a) => ({ id: a.id, kind: a.kind, from: a.from, state: a.ended_at_ms > t ? 'running' : 'finished', sent: a.ended_at_ms > t ? 0 : a.sent }));
  const load: PopLoad[] = pops.map((pop) => ({
    pop,
    rps: report.timeline.clients.reduce((n, c) => n + c.records.filter((r) => r.pop === pop && r.at_ms <= t && r.at_ms > t - 1000).length, 0),
    blocked_rps: 0,
  }));
  return {
    at_ms: base + t,
    catchment: catchmentViews(graph, landings),
    links: linkViews(graph, [...sessions.values()]),
    down_nodes: [],
    pops: load,
    faults,
    attacks,
  };
}
