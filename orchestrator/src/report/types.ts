/**
 * The report of a chaos run, as written to JSON for scripts and CI: snake_case keys, times in ms
 * from the run's start, convergence_ms null when the client never moved.
 */
import type { ConvergenceOutcome } from '../measure/convergence.ts';
import type { ProbeOutcome } from '../../../contracts/agent-api.ts';
import type { CheckPhase } from '../scenario/schedule-checks.ts';

export type ObservedUnit = 'ms' | 'requests' | '%' | '/s' | '';

export interface ExpectationResult {
  readonly name: string;
  readonly phase: CheckPhase;
  readonly at_ms: number;
  readonly passed: boolean;
  /** What was measured: a number in `unit`, a PoP or state name, or null when nothing was. */
  readonly observed: number | string | null;
  /** The bound it was held to, e.g. `<= 1000`, `not tokyo`, `>= 99 and <= 100`. */
  readonly limit: string;
  readonly unit: ObservedUnit;
  /** Why, when the number alone does not say it (e.g. the client never settled). */
  readonly detail?: string;
}

export interface ClientImpact {
  readonly name: string;
  readonly outcome: ConvergenceOutcome;
  readonly before: string | null;
  readonly after: string | null;
  readonly convergence_ms: number | null;
  readonly lost: number;
}

export interface FlapCycleReport {
  readonly down_at_ms: number;
  readonly up_at_ms: number | null;
  /** Failed requests per client from this cycle's down to the next one's (or the fault's end). */
  readonly lost: readonly { readonly name: string; readonly lost: number }[];
}

export interface FaultReport {
  readonly id: string;
  readonly kind: string;
  readonly target: string;
  readonly at_ms: number;
  readonly reverted_at_ms: number | null;
  readonly clients: readonly ClientImpact[];
  readonly cycles?: readonly FlapCycleReport[];
}

export interface LatencyReport {
  readonly p50: number | null;
  readonly p95: number | null;
}

/** Per client network, after the run's first fault (or over the whole run when there is none). */
export interface ClientReport extends ClientImpact {
  readonly sent: number;
  /** Failed requests over the whole run. */
  readonly failed: number;
  /** ok / sent over the whole run, 0..1. */
  readonly success_rate: number | null;
  readonly latency_before_ms: LatencyReport;
  readonly latency_after_ms: LatencyReport;
}

export interface PopReport {
  readonly name: string;
  readonly requests: number;
  readonly share: number;
}

export interface PopAttackReport {
  readonly name: string;
  readonly received: number;
  readonly blocked: number;
  /** Packets the PoP's kernel filter dropped; null when its edges do not count them. */
  readonly dropped: number | null;
  readonly served: number;
  /** 0..1. */
  readonly share: number;
  /** null: no second with >= 90% blocked or dropped. */
  readonly time_to_mitigate_ms: number | null;
}

/** One attack the run started, per PoP. */
export interface AttackReport {
  readonly id: string;
  readonly kind: string;
  readonly from: readonly string[];
  readonly rate: number;
  readonly at_ms: number;
  readonly ended_at_ms: number;
  readonly sent: number;
  readonly pops: readonly PopAttackReport[];
  readonly spread: { readonly jain: number | null; readonly max_over_mean: number | null };
}

/** Requests per second the origin received before the first attack and while attacks ran; null when not measured. */
export interface OriginReport {
  readonly rps_before: number | null;
  readonly rps_during: number | null;
}

export interface ReportRecord {
  readonly seq: number;
  readonly at_ms: number;
  readonly outcome: ProbeOutcome;
  readonly latency_ms: number;
  readonly status?: number;
  readonly pop?: string;
  readonly server?: string;
}

export interface ReportTimeline {
  readonly clients: readonly { readonly client: string; readonly node: string; readonly records: readonly ReportRecord[] }[];
  readonly bgp: readonly { readonly at_ms: number; readonly router: string; readonly peer: string; readonly state: string }[];
  readonly routes: readonly { readonly at_ms: number; readonly router: string; readonly prefix: string; readonly present: boolean }[];
}

export interface RunReport {
  readonly scenario: string;
  readonly file: string;
  readonly lab: string;
  readonly passed: boolean;
  /** Why the run did not happen (e.g. a kernel feature it requires is missing); null when it ran. */
  readonly skipped: string | null;
  readonly started_at: string;
  readonly duration_ms: number;
  readonly stable_window_ms: number;
  readonly expectations: readonly ExpectationResult[];
  readonly faults: readonly FaultReport[];
  readonly clients: readonly ClientReport[];
  readonly pops: readonly PopReport[];
  readonly spread: { readonly max_over_mean: number | null; readonly jain: number | null };
  readonly attacks: readonly AttackReport[];
  readonly origin: OriginReport;
  readonly timeline: ReportTimeline;
}
