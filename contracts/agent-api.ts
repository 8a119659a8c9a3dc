/**
 * The probe/bot agent's HTTP API (images/client), on the management network: what it takes and
 * returns as JSON. The agent implements it; the orchestrator and the tests call it through
 * `agent-client.ts`. Times are epoch milliseconds (`Date.now()`): every container shares the
 * host's clock, so they compare directly with the orchestrator's.
 */

import type { AttackKind, AttackParams } from './attack-kinds.ts';

export type ProbeOutcome = 'ok' | 'timeout' | 'refused' | 'reset' | 'http-error' | 'unreachable' | 'error';

/** One request a probe sent, as the agent records it. */
export interface ProbeRecord {
  readonly seq: number;
  /** `Date.now()` when the request was sent. */
  readonly sentAt: number;
  readonly outcome: ProbeOutcome;
  readonly latencyMs: number;
  readonly status?: number;
  /** From the edge's `x-served-by: <pop>/<server>` header (also present on errors and 429s). */
  readonly pop?: string;
  readonly server?: string;
}

/** What the agent accepts at most for probes: a request beyond these is refused with 400 (attacks: attack-kinds.ts). */
export const AGENT_LIMITS = {
  probeRate: 1000,
  probeDurationMs: 600_000,
  timeoutMs: 10_000,
} as const;

/** What the agent uses when a request leaves a field out. */
export const AGENT_DEFAULTS = {
  timeoutMs: 1000,
  keepAlive: false,
  probePath: '/probe',
} as const;

/** `POST /probes`, as validated (every field set). */
export interface ProbeParams {
  /** Requests per second, 1..AGENT_LIMITS.probeRate. */
  readonly rate: number;
  readonly durationMs: number;
  readonly timeoutMs: number;
  /** false: a new TCP connection per request; true: one keep-alive agent for the whole run. */
  readonly keepAlive: boolean;
  readonly path: string;
}

/** `POST /probes` body: fields left out take AGENT_DEFAULTS. */
export type ProbeRequest = Pick<ProbeParams, 'rate' | 'durationMs'> & Partial<ProbeParams>;

export interface ProbeView {
  readonly id: string;
  readonly node: string;
  readonly client: string;
  readonly done: boolean;
  /** Slots not sent because rate x timeout requests were already in flight. */
  readonly skipped: number;
  /** Requests that finished, in send order. */
  readonly records: readonly ProbeRecord[];
}

export type { AttackKind, AttackParams } from './attack-kinds.ts';

/** `POST /attacks` body: `kind` defaults to http-flood, `path` and the rest to the kind's defaults (attack-kinds.ts). */
export type AttackRequest = Pick<AttackParams, 'rps' | 'durationMs'> & Partial<AttackParams>;

/** What a bot agent counted for one attack. */
export interface AttackCounters {
  /** Requests (or, for slowloris, connections; for h2-rapid-reset, streams) started. */
  readonly sent: number;
  readonly ok: number;
  /** Refused by the edge's mitigation: 429 or 403 (slowloris: connections the edge closed). */
  readonly blocked: number;
  /** Other HTTP errors and network errors. */
  readonly errors: number;
  readonly timeouts: number;
  /** Slots not sent because the in-flight limit was reached. */
  readonly skipped: number;
  readonly inFlight: number;
  /** Per PoP (from `x-served-by`): answers received and how many of them were blocks. */
  readonly byPop: Readonly<Record<string, { readonly received: number; readonly blocked: number }>>;
}

export interface AttackView extends AttackCounters {
  readonly id: string;
  readonly node: string;
  readonly kind: AttackKind;
  readonly done: boolean;
}

/** `GET /once`: one request to the service address, answered when it finished. */
export interface OnceView {
  readonly sentAt: number;
  readonly outcome: ProbeOutcome;
  readonly latencyMs: number;
  readonly status?: number;
  readonly pop?: string;
  readonly server?: string;
}

export type AgentRole = 'probe' | 'bot';

/** `GET /healthz`. */
export interface AgentHealth {
  readonly ok: true;
  readonly lab: string;
  readonly node: string;
  readonly role: AgentRole;
  readonly client: string;
  /** Jobs running now. */
  readonly probes: number;
  readonly attacks: number;
}

/** `POST /probes` and `POST /attacks` answer 201 with the new job's id. */
export interface JobStarted {
  readonly id: string;
}

/** `DELETE /probes/:id` and `DELETE /attacks/:id`. */
export interface JobStopped {
  readonly id: string;
  readonly done: boolean;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** Every answer other than 2xx: 400 (with `fields`), 404, 409 (attack from a probe), 413, 429 (too many jobs), 500. */
export interface AgentErrorBody {
  readonly error: string;
  readonly fields?: readonly FieldError[];
}

/** The routes, for the agent's router and the client alike. */
export const AGENT_PATHS = {
  health: '/healthz',
  once: '/once',
  probes: '/probes',
  probe: (id: string) => `/probes/${id}`,
  attacks: '/attacks',
  attack: (id: string) => `/attacks/${id}`,
} as const;
