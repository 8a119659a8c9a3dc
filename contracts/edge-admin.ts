import { httpBase, PORTS } from './ports.ts';

/**
 * The edge server's admin API (edge-node/src/admin), on the management network: the routes, the
 * bodies they take and the announcement view the orchestrator waits on.
 */

export const EDGE_ADMIN_PATHS = {
  /** GET: the health report; 200 healthy, 503 not. */
  health: '/health',
  /** POST ForceHealthBody: hold the server unhealthy (or release it). */
  healthForce: '/health/force',
  /** POST ReasonBody (optional): withdraw after moving traffic away; answers 202 at once. */
  drain: '/drain',
  /** POST ReasonBody (optional). */
  undrain: '/undrain',
  /**
   * GET: AnnouncementView plus the BGP route as FRR sees it. Each answer runs a vtysh, so a few run
   * at once and a few more wait: beyond that 503 `{ error: 'ADMIN_BUSY' }` with Retry-After.
   */
  announcement: '/announcement',
  /** GET: the mitigation snapshot. */
  mitigation: '/mitigation',
  /** GET: Prometheus text. */
  metrics: '/metrics',
} as const;

export type EdgeAdminPath = (typeof EDGE_ADMIN_PATHS)[keyof typeof EDGE_ADMIN_PATHS];

export const MAX_REASON_LENGTH = 200;

/** `POST /health/force`. */
export interface ForceHealthBody {
  readonly unhealthy: boolean;
  /** At most MAX_REASON_LENGTH characters. */
  readonly reason?: string;
}

/** `POST /drain` and `POST /undrain` (or no body at all). */
export interface ReasonBody {
  readonly reason?: string;
}

export type AnnouncementState = 'announced' | 'withdrawn' | 'draining';
/** serving: health decides; drained: an operator drained it; stopped: the process is exiting. */
export type AnnouncementMode = 'serving' | 'drained' | 'stopped';

/** `GET /announcement` (and the answer to drain and undrain). */
export interface AnnouncementView {
  readonly state: AnnouncementState;
  readonly mode: AnnouncementMode;
  readonly reason: string;
  /** ISO time of the last change (or of the start). */
  readonly since: string;
  readonly changes: number;
  readonly lastError: string | null;
}

export function edgeAdminUrl(host: string, path: EdgeAdminPath, port: number = PORTS.edgeAdmin): string {
  return `${httpBase(host, port)}${path}`;
}

/**
 * The kernel filter (iptables chain EDGE-BLOCK) as the edge sees it.
 * off: not configured; on: the chain holds the block list; retrying: the last iptables call
 * failed and another is scheduled (backoff); failed: it gave up after its bounded retries, the
 * block list still answers in user space.
 */
export type KernelFilterState = 'off' | 'on' | 'retrying' | 'failed';

export const KERNEL_FILTER_STATES: readonly KernelFilterState[] = ['off', 'on', 'retrying', 'failed'];

/** Packets and bytes one DROP rule (or all of them) matched. */
export interface DropCount {
  readonly packets: number;
  readonly bytes: number;
}

export interface KernelRuleView extends DropCount {
  /** A blocked source (`198.19.6.40`) or prefix (`198.19.6.0/24`). */
  readonly key: string;
}

export interface KernelFilterView {
  readonly state: KernelFilterState;
  /**
   * Everything EDGE-BLOCK dropped since the edge started, also by rules since removed: the chain
   * is rewritten on every block change (which zeroes its counters), so the edge keeps the sums.
   */
  readonly dropped: DropCount;
  /** Rules in the chain now. */
  readonly ruleCount: number;
  /** At most the snapshot's list limit, most packets first; counts since the key was blocked. */
  readonly rules: readonly KernelRuleView[];
  /** Consecutive failed iptables calls; 0 once one succeeds. */
  readonly failures: number;
  readonly lastError: string | null;
  /** When state is retrying: milliseconds until the next attempt. */
  readonly nextAttemptInMs: number | null;
  /** Age of the counters (read once per mitigation window); null before the first read. */
  readonly countersAgeMs: number | null;
}

/** What the process itself refused and served since it started (the kernel's drops are in `kernel`). */
export interface UserSpaceCounters {
  /** Requests admitted past the block list and the rate limits. */
  readonly served: number;
  /** Requests refused because the source or its prefix is blocked. */
  readonly blocked: number;
  /** Requests refused by a source or prefix rate limit. */
  readonly limited: number;
  /** Connections reset at accept because the source or its prefix is blocked. */
  readonly connectionsBlocked: number;
  /** Connections reset at accept because the source had its most open connections already. */
  readonly connectionsLimited: number;
}

export interface BlockView {
  readonly key: string;
  readonly reason: string;
  readonly offences: number;
  readonly expiresInS: number;
}

export interface RateView {
  readonly perSecond: number;
  readonly burst: number;
}

/** Why a datagram on the PoP's block-sharing channel was refused. */
export type PeerRejection = 'unknown-peer' | 'over-rate' | 'too-large' | 'malformed' | 'bad-mac' | 'stale' | 'replayed';

/** Blocks shared with the PoP's other servers (edge-node/src/defense/peer-blocks.ts). */
export interface PeerSharingView {
  /** Other servers of the PoP this one shares with; 0: sharing off. */
  readonly peers: number;
  /** Datagrams sent (one per peer and message). */
  readonly sent: number;
  /** Datagrams accepted. */
  readonly received: number;
  /** Blocks taken from peers (new, or longer than the one in place). */
  readonly imported: number;
  readonly rejected: Readonly<Record<PeerRejection, number>>;
  /** From the peer's send to this server's receipt, for the last datagram accepted (ms). */
  readonly lastLatencyMs: number | null;
}

/** `GET /mitigation`. */
export interface MitigationSnapshot {
  readonly level: 0 | 1 | 2;
  readonly levelName: 'normal' | 'elevated' | 'severe';
  readonly anomaly: string | null;
  readonly limits: { readonly source: RateView; readonly prefix: RateView; readonly connectionsPerSource: number };
  readonly blockedSources: number;
  readonly blockedPrefixes: number;
  /** At most `listLimit` of each, soonest expiry last. */
  readonly blocked: { readonly sources: readonly BlockView[]; readonly prefixes: readonly BlockView[] };
  readonly requests: UserSpaceCounters;
  readonly kernel: KernelFilterView;
  readonly sharing: PeerSharingView;
}
