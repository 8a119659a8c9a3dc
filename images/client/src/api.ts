/** What the agent's HTTP API takes and returns (JSON), for the orchestrator to import as types. */
import type { AttackCounters } from '../../../orchestrator/src/measure/mitigation.ts';
import type { ProbeRecord } from '../../../orchestrator/src/measure/timeline.ts';

export interface ProbeParams {
  /** Requests per second, 1..1000. */
  readonly rate: number;
  readonly durationMs: number;
  readonly timeoutMs: number;
  /** false: a new TCP connection per request; true: one keep-alive agent for the whole run. */
  readonly keepAlive: boolean;
  readonly path: string;
}

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

export type AttackKind = 'http-flood' | 'slowloris' | 'h2-rapid-reset';

export interface AttackParams {
  readonly kind: AttackKind;
  /** Requests (slowloris: connection attempts; h2-rapid-reset: streams) per second, 1..20000. */
  readonly rps: number;
  readonly durationMs: number;
  readonly path: string;
  /** http-flood: keep-alive connections to spread over (absent: a new one per request); slowloris:
   * connections to hold open; h2-rapid-reset: HTTP/2 sessions. */
  readonly connections?: number;
  /** Use only the first N of the bot's source addresses (absent: all of them). */
  readonly sources?: number;
}

export interface AttackView extends AttackCounters {
  readonly id: string;
  readonly node: string;
  readonly kind: AttackKind;
  readonly done: boolean;
}

export interface OnceView {
  readonly sentAt: number;
  readonly outcome: ProbeRecord['outcome'];
  readonly latencyMs: number;
  readonly status?: number;
  readonly pop?: string;
  readonly server?: string;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}
