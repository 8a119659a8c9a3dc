import type { TopologyGraph } from '../graph/topology-graph.ts';
import type { ReportRecord, RunReport } from '../report/types.ts';
import type { AttackView, FaultInForce, PopLoad, Snapshot } from './dashboard-api.ts';
import { catchmentViews, linkViews, type ProbeLanding, type SessionReading } from './dashboard-state.ts';

/** A probe's last answer counts for this long; older, the probe is taken as unanswered. */
const LANDING_MEMORY_MS = 2000;
const LOAD_WINDOW_MS = 1000;

const perSecond = (attack: { at_ms: number; ended_at_ms: number }, count: number): number => count / Math.max(1, (attack.ended_at_ms - attack.at_ms) / 1000);

/** One probe's records read forward in time: the last one at or before t, and how many per PoP in the last second. */
class RecordCursor {
  readonly client: string;
  readonly #records: readonly ReportRecord[];
  #next = 0;
  #windowStart = 0;

  constructor(client: string, records: readonly ReportRecord[]) {
    this.client = client;
    this.#records = [...records].sort((a, b) => a.at_ms - b.at_ms);
  }

  /** Moves to t (never back). */
  advance(t: number): void {
    while (this.#next < this.#records.length && this.#records[this.#next]!.at_ms <= t) this.#next += 1;
    while (this.#windowStart < this.#next && this.#records[this.#windowStart]!.at_ms <= t - LOAD_WINDOW_MS) this.#windowStart += 1;
  }

  landing(t: number): ProbeLanding {
    const last = this.#records[this.#next - 1];
    const fresh = last !== undefined && last.at_ms > t - LANDING_MEMORY_MS;
    return { client: this.client, pop: fresh && last.outcome === 'ok' ? (last.pop ?? null) : null };
  }

  /** Answers from `pop` in the last second. */
  answeredBy(pop: string): number {
    let n = 0;
    for (let i = this.#windowStart; i < this.#next; i += 1) if (this.#records[i]!.pop === pop) n += 1;
    return n;
  }
}

/**
 * A finished chaos run as the snapshots the live feed would have published, one every `stepMs`
 * of the run: catchment from the probes' records, BGP links from the sessions the run watched,
 * faults and attacks from when they were in force, per-PoP load from the probes' own requests
 * (the report keeps no edge counters over time) and each attack's per-PoP totals spread over its
 * time. Records are read forward once (a long run costs its records plus its frames). Reports from
 * before attacks were recorded replay without them.
 */
export function replayFrames(report: RunReport, graph: TopologyGraph, stepMs = 250): Snapshot[] {
  const startMs = Date.parse(report.started_at);
  const base = Number.isFinite(startMs) ? startMs : 0;
  const duration = Math.max(0, report.duration_ms);
  const pops = graph.nodes.filter((n) => n.kind === 'pop').map((n) => n.id);
  const cursors = report.timeline.clients.map((c) => new RecordCursor(c.client, c.records));
  const bgp = [...report.timeline.bgp].sort((a, b) => a.at_ms - b.at_ms);
  const attacks = report.attacks ?? [];
  const sessions = new Map<string, SessionReading>();
  let nextBgp = 0;
  const frames: Snapshot[] = [];
  const times: number[] = [];
  for (let t = 0; t <= duration; t += stepMs) times.push(t);
  if (duration % stepMs !== 0) times.push(duration);
  for (const t of times) {
    for (const cursor of cursors) cursor.advance(t);
    for (; nextBgp < bgp.length && bgp[nextBgp]!.at_ms <= t; nextBgp += 1) {
      const e = bgp[nextBgp]!;
      sessions.set(`${e.router} ${e.peer}`, { router: e.router, peerName: e.peer, state: e.state });
    }
    const faults: FaultInForce[] = report.faults
      .filter((f) => f.at_ms <= t && (f.reverted_at_ms === null || f.reverted_at_ms > t))
      .map((f) => ({ id: f.id, kind: f.kind, target: f.target, applied_at_ms: base + f.at_ms }));
    const shown: AttackView[] = attacks
      .filter((a) => a.at_ms <= t)
      .map((a) => ({ id: a.id, kind: a.kind, from: a.from, state: a.ended_at_ms > t ? 'running' : 'finished', sent: a.ended_at_ms > t ? 0 : a.sent }));
    const running = attacks.filter((a) => a.at_ms <= t && a.ended_at_ms > t);
    const load: PopLoad[] = pops.map((pop) => ({
      pop,
      rps: cursors.reduce((n, c) => n + c.answeredBy(pop), 0),
      blocked_rps: Math.round(running.reduce((n, a) => n + perSecond(a, a.pops.find((p) => p.name === pop)?.blocked ?? 0), 0)),
      attack_rps: Math.round(running.reduce((n, a) => n + perSecond(a, a.pops.find((p) => p.name === pop)?.received ?? 0), 0)),
    }));
    frames.push({
      at_ms: base + t,
      catchment: catchmentViews(graph, cursors.map((c) => c.landing(t))),
      links: linkViews(graph, [...sessions.values()]),
      down_nodes: [],
      pops: load,
      faults,
      attacks: shown,
      prometheus_url: null,
    });
  }
  return frames;
}
