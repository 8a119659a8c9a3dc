import { EDGE_ADMIN_PATHS, edgeAdminUrl } from '../../../contracts/edge-admin.ts';
import { HOST_SETUP_ROLE, LABEL } from '../../../contracts/labels.ts';
import { readAttack, type AttackStatus } from '../chaos/attacks/attack-control.ts';
import { AttackStore } from '../chaos/attacks/attack-store.ts';
import { FaultStore } from '../chaos/faults/fault-store.ts';
import type { TopologyGraph } from '../graph/topology-graph.ts';
import { monitoringUrlOf } from '../lab/monitoring.ts';
import { probeOnce, readBgpPeers } from '../lab/observe.ts';
import { inParallel } from '../lab/parallel.ts';
import { ROUTER_ROLES, type NodeRole } from '../plan/types.ts';
import { networkName } from '../render/resource-names.ts';
import type { ContainerRuntime, ObservedContainer } from '../runtime/runtime.ts';
import { sleep } from '../wait/wait-for.ts';
import type { AttackView, FaultInForce } from './dashboard-api.ts';
import { attackRates, catchmentViews, linkViews, popLoads, type AttackCounts, type EdgeCounters, type ProbeLanding, type SessionReading } from './dashboard-state.ts';
import type { Feed } from './feed.ts';
import { edgeCountersOf } from './prometheus-text.ts';

/** How often each reading is taken. Probes and edges answer over HTTP; BGP needs a `docker exec` per router. */
export const LIVE_INTERVALS = {
  probesMs: 400,
  edgesMs: 1000,
  containersMs: 1000,
  /** The fault records are read before every probe round instead (probesMs). */
  attacksMs: 1000,
  bgpMs: 5000,
} as const;

/** Fewer than observe.ts's EXEC_PARALLELISM: a dashboard left open must never starve BFD (100 ms x 3) on 2 cores. */
const BGP_EXEC_PARALLELISM = 2;
const PROBE_TIMEOUT_MS = 800;
const STOP_WAIT_MS = 3000;

/**
 * Reads a running lab for the dashboard: the probes (catchment), the edges' /metrics (load), the
 * containers (what is down), the fault and attack records (what is in force), the routers' BGP
 * sessions; publishes a snapshot to the feed after every reading. A reading that fails keeps the
 * last one it had.
 */
export class LiveLabFeed {
  readonly #runtime: ContainerRuntime;
  readonly #lab: string;
  readonly #graph: TopologyGraph;
  readonly #pops: readonly string[];
  /** The graph's node ids: containers of other names (a botnet's bots) are not drawn. */
  readonly #known: ReadonlySet<string>;
  readonly #feed: Feed;
  readonly #stop = new AbortController();
  readonly #loops: Promise<void>[] = [];
  #containers: ObservedContainer[] = [];
  readonly #seen = new Set<string>();
  #landings: ProbeLanding[] = [];
  #sessions: SessionReading[] = [];
  #edgesBefore: EdgeCounters[] = [];
  #edgesNow: EdgeCounters[] = [];
  #faults: FaultInForce[] = [];
  #attacks: AttackView[] = [];
  #attackCountsBefore: AttackCounts[] = [];
  #attackCountsNow: AttackCounts[] = [];
  /** Finished attacks are read once. */
  readonly #finished = new Map<string, AttackView>();

  constructor(runtime: ContainerRuntime, lab: string, graph: TopologyGraph, feed: Feed) {
    this.#runtime = runtime;
    this.#lab = lab;
    this.#graph = graph;
    this.#pops = graph.nodes.filter((n) => n.kind === 'pop').map((n) => n.id);
    this.#known = new Set(graph.nodes.map((n) => n.id));
    this.#feed = feed;
  }

  /** Takes the first readings (so the first snapshot is whole), then keeps reading until stop(). */
  async start(): Promise<void> {
    await this.#readContainers();
    await Promise.allSettled([this.#readFaults().then(() => this.#readProbes()), this.#readEdges(), this.#readAttacks(), this.#readBgp()]);
    this.#publish();
    this.#loops.push(
      this.#every(LIVE_INTERVALS.containersMs, () => this.#readContainers()),
      // The fault records first: a fault is recorded before it is applied, so its mark comes no later than what it moves.
      this.#every(LIVE_INTERVALS.probesMs, async () => {
        await this.#readFaults().catch(() => undefined);
        await this.#readProbes();
      }),
      this.#every(LIVE_INTERVALS.edgesMs, () => this.#readEdges()),
      this.#every(LIVE_INTERVALS.attacksMs, () => this.#readAttacks()),
      this.#every(LIVE_INTERVALS.bgpMs, () => this.#readBgp()),
    );
  }

  /** Stops reading; a reading still under way (a slow `docker exec`) is waited for STOP_WAIT_MS at most, then left to end alone. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await Promise.race([Promise.allSettled(this.#loops), sleep(STOP_WAIT_MS)]);
  }

  async #every(ms: number, read: () => Promise<void>): Promise<void> {
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      await sleep(ms, signal).catch(() => undefined);
      if (signal.aborted) return;
      await read().catch(() => undefined);
      if (!signal.aborted) this.#publish();
    }
  }

  #publish(): void {
    this.#feed.publish({
      at_ms: Date.now(),
      catchment: catchmentViews(this.#graph, this.#landings),
      links: linkViews(this.#graph, this.#sessions),
      down_nodes: this.#downNodes(),
      pops: popLoads(this.#pops, this.#edgesBefore, this.#edgesNow, attackRates(this.#attackCountsBefore, this.#attackCountsNow)),
      faults: this.#faults,
      attacks: this.#attacks,
      prometheus_url: monitoringUrlOf(this.#lab, this.#containers) ?? null,
    });
  }

  /** Nodes of the graph that had a container once and have no running one now (stopped, paused, or removed). */
  #downNodes(): string[] {
    const running = new Set(this.#containers.filter((c) => c.state === 'running').map((c) => c.labels[LABEL.node] ?? c.name));
    return [...this.#seen].filter((n) => this.#known.has(n) && !running.has(n)).sort();
  }

  #running(role: (role: string) => boolean): ObservedContainer[] {
    return this.#containers.filter((c) => c.state === 'running' && role(c.labels[LABEL.role] ?? ''));
  }

  #mgmt(c: ObservedContainer): string | undefined {
    return c.addresses[networkName(this.#lab, 'mgmt')];
  }

  async #readContainers(): Promise<void> {
    this.#containers = (await this.#runtime.listContainers({ [LABEL.lab]: this.#lab })).filter((c) => c.labels[LABEL.role] !== HOST_SETUP_ROLE);
    for (const c of this.#containers) this.#seen.add(c.labels[LABEL.node] ?? c.name);
  }

  async #readProbes(): Promise<void> {
    const probes = this.#running((role) => role === 'probe');
    this.#landings = await Promise.all(
      probes.map(async (c): Promise<ProbeLanding> => {
        const client = c.labels[LABEL.group] ?? '?';
        const address = this.#mgmt(c);
        const answer = address ? await probeOnce(address, PROBE_TIMEOUT_MS).catch(() => undefined) : undefined;
        return { client, pop: answer?.outcome === 'ok' ? (answer.pop ?? null) : null };
      }),
    );
  }

  async #readEdges(): Promise<void> {
    const edges = this.#running((role) => role === 'edge');
    const readings = await Promise.all(
      edges.map(async (c): Promise<EdgeCounters | undefined> => {
        const address = this.#mgmt(c);
        if (!address) return undefined;
        const response = await fetch(edgeAdminUrl(address, EDGE_ADMIN_PATHS.metrics), { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
        if (!response?.ok) return undefined;
        const counters = edgeCountersOf(await response.text());
        return { atMs: Date.now(), pop: c.labels[LABEL.group] ?? '?', server: c.labels[LABEL.node] ?? c.name, ...counters };
      }),
    );
    // A server whose /metrics did not answer keeps its last reading (it shows no rate, not a drop to 0 and back).
    const read = readings.filter((r): r is EdgeCounters => r !== undefined);
    const kept = this.#edgesNow.filter((old) => !read.some((r) => r.server === old.server) && edges.some((c) => (c.labels[LABEL.node] ?? c.name) === old.server));
    this.#edgesBefore = [...this.#edgesNow.filter((old) => read.some((r) => r.server === old.server)), ...kept];
    this.#edgesNow = [...read, ...kept];
  }

  async #readFaults(): Promise<void> {
    this.#faults = (await new FaultStore(this.#lab).list()).map((f) => ({ id: f.id, kind: f.kind, target: f.target, applied_at_ms: f.appliedAtMs }));
  }

  async #readAttacks(): Promise<void> {
    const records = await new AttackStore(this.#lab).list();
    const counts: AttackCounts[] = [];
    this.#attacks = await Promise.all(
      records.map(async (record) => {
        const known = this.#finished.get(record.id);
        if (known) return known;
        const status = await readAttack(record);
        const view = attackView(status);
        if (view.state === 'finished') this.#finished.set(record.id, view);
        else counts.push({ atMs: Date.now(), id: record.id, byPop: Object.fromEntries(Object.entries(status.totals.byPop).map(([pop, c]) => [pop, c.received])) });
        return view;
      }),
    );
    this.#attackCountsBefore = this.#attackCountsNow;
    this.#attackCountsNow = counts;
  }

  async #readBgp(): Promise<void> {
    const routers = this.#running((role) => ROUTER_ROLES.has(role as NodeRole));
    const sessions: SessionReading[] = [];
    await inParallel(routers, BGP_EXEC_PARALLELISM, async (c) => {
      const router = c.labels[LABEL.node] ?? c.name;
      sessions.push(...(await readBgpPeers(this.#runtime, c.name, router).catch(() => [])));
    });
    this.#sessions = sessions;
  }
}

/** An attack whose bots no longer answer is over once its `for` has passed, with a margin. */
const ATTACK_END_MARGIN_MS = 10_000;

function attackView(status: AttackStatus, nowMs = Date.now()): AttackView {
  const { record, totals } = status;
  const done = status.done || nowMs > record.startedAtMs + record.durationMs + ATTACK_END_MARGIN_MS;
  return { id: record.id, kind: record.kind, from: record.from, state: done ? 'finished' : 'running', sent: totals.sent };
}
