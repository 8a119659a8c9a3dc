import type { TopologyGraph } from '../graph/topology-graph.ts';

/**
 * What the dashboard's server and its page say to each other: the routes, the events of the live
 * stream and the bodies of the buttons. The page (dashboard/page/) imports these types only.
 */

export const DASHBOARD_PATHS = {
  page: '/',
  script: '/assets/dashboard.js',
  /** GET DashboardView: the graph, what the feed is, the controls the buttons offer. */
  view: '/api/view',
  /** GET Snapshot: the latest one. */
  snapshot: '/api/snapshot',
  /** GET: server-sent events: `history` (LoadPoint[]) and every mark so far first, then `snapshot` (Snapshot) and `mark` (Mark); `end` when a replay is over. */
  events: '/api/events',
  /** POST FaultRequest -> ActionAnswer. */
  faults: '/api/faults',
  /** POST (no body) -> ActionAnswer; `:id` is a fault id. */
  faultRevert: '/api/faults/:id/revert',
  /** POST AttackRequest -> ActionAnswer. */
  attacks: '/api/attacks',
  /** POST (no body) -> ActionAnswer. */
  attackStop: '/api/attacks/:id/stop',
} as const;

export const SSE_EVENTS = { history: 'history', snapshot: 'snapshot', mark: 'mark', end: 'end' } as const;

/** One client network's catchment: the PoP most of its probes reached, and a path to it through the graph. */
export interface CatchmentView {
  readonly client: string;
  /** null: no probe got an answer. */
  readonly pop: string | null;
  /** Probes answered / probes asked. */
  readonly answered: number;
  readonly probes: number;
  readonly path: readonly string[];
}

/** The BGP sessions between the two ends of a graph link, as one state. */
export type LinkState = 'established' | 'down' | 'partial';

export interface LinkView {
  /** `a--b`, the graph link's ends. */
  readonly link: string;
  readonly state: LinkState;
  /** e.g. `2/2 Established`. */
  readonly detail: string;
}

export interface PopLoad {
  readonly pop: string;
  /** Requests its edges answered per second. */
  readonly rps: number;
  /** Requests refused by its defence plus packets its kernel filter dropped, per second. */
  readonly blocked_rps: number;
  /** Attack requests it answered per second, as the bots counted them (0 when no attack runs). */
  readonly attack_rps: number;
}

/** One snapshot's per-PoP load, for the chart's past. */
export interface LoadPoint {
  readonly at_ms: number;
  readonly pops: readonly PopLoad[];
}

export interface FaultInForce {
  readonly id: string;
  readonly kind: string;
  readonly target: string;
  /** When it was recorded (ms since the epoch): its mark is put there. */
  readonly applied_at_ms?: number;
}

export interface AttackView {
  readonly id: string;
  readonly kind: string;
  readonly from: readonly string[];
  readonly state: 'running' | 'finished';
  readonly sent: number;
}

export interface Snapshot {
  /** ms since the epoch (live), or since the epoch of the run's start plus its offset (replay). */
  readonly at_ms: number;
  readonly catchment: readonly CatchmentView[];
  readonly links: readonly LinkView[];
  /** Nodes whose container is not running (crashed, paused, stopped). */
  readonly down_nodes: readonly string[];
  readonly pops: readonly PopLoad[];
  readonly faults: readonly FaultInForce[];
  readonly attacks: readonly AttackView[];
  /** Where the lab's Prometheus answers (`up --monitoring`), or null when it has none (and in replay). */
  readonly prometheus_url: string | null;
}

export type MarkKind = 'fault' | 'revert' | 'attack' | 'attack-end' | 'catchment' | 'bgp' | 'node';

/** Something that happened, for the timeline. */
export interface Mark {
  readonly at_ms: number;
  readonly kind: MarkKind;
  readonly text: string;
  /** catchment marks: the client that moved, where from and to, and ms since the last fault or revert before it. */
  readonly client?: string;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly since_fault_ms?: number;
}

/** A field a button's form asks for (from the fault or attack registry). */
export interface ControlField {
  readonly name: string;
  readonly doc: string;
  /** e.g. `100ms`, `1..5`. */
  readonly hint: string;
  readonly required: boolean;
}

export interface FaultControl {
  readonly kind: string;
  readonly description: string;
  /** What TARGET is, e.g. `PoP`, `link A--B`; empty when the kind takes none. */
  readonly target: string;
  readonly fields: readonly ControlField[];
}

export interface AttackControl {
  readonly kind: string;
  readonly description: string;
  readonly fields: readonly ControlField[];
}

export interface DashboardView {
  readonly mode: 'live' | 'replay';
  readonly lab: string;
  /** What is shown: the lab, or the run report replayed. */
  readonly title: string;
  readonly graph: TopologyGraph;
  readonly botnets: readonly string[];
  /** Empty in replay: nothing to break. */
  readonly faults: readonly FaultControl[];
  readonly attacks: readonly AttackControl[];
}

export interface FaultRequest {
  readonly kind: string;
  /** The target words, as on the command line: `tokyo`, `t-asia--tokyo`, `t-asia tokyo`. */
  readonly target: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
}

export interface AttackRequest {
  readonly kind: string;
  /** Botnets, or ['all']. */
  readonly from: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
}

export interface ActionAnswer {
  readonly ok: boolean;
  /** What was done, or why not. */
  readonly message: string;
  readonly id?: string;
}
