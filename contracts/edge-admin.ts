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
  /** GET: AnnouncementView plus the BGP route as FRR sees it. */
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
