/**
 * A chaos scenario: a steady-state hypothesis, timed steps (faults, reverts, expectations), and the
 * hypothesis again. Times are ms from the run's start. Node names are as written; they are checked
 * against the topology by `checkScenarioAgainstTopology`, which is why every one keeps its position.
 */
import type { FaultAction, FaultKind } from '../faults/registry.ts';
import type { LinkRef, SessionRef } from '../faults/fault-target.ts';
import type { AttackSettings } from '../../../contracts/attack-kinds.ts';
import type { Position } from '../input/source.ts';

export type { FaultAction, FaultKind, LinkRef, SessionRef };

export const EXPECTATION_KINDS = [
  'catchment',
  'convergence',
  'lost',
  'success-rate',
  'latency',
  'spread',
  'bgp-session',
  'route',
  'attack-share',
  'attack-spread',
  'mitigated',
  'origin-load',
] as const;
export type ExpectationKind = (typeof EXPECTATION_KINDS)[number];

/** Kernel features a scenario can need; a run where one is missing is reported skipped. */
export const FEATURES = ['netem'] as const;
export type Feature = (typeof FEATURES)[number];

/** Where a step or a name is written: line, column and field path (e.g. `steps[2].pop`). */
export type SourcePosition = Position;

export type Expectation =
  | { readonly kind: 'catchment'; readonly client: string; readonly pop: string; readonly negate: boolean }
  /** fault (`after:` in the file): the fault measured; by default the latest one before the check. */
  | { readonly kind: 'convergence'; readonly client: string; readonly maxMs: number; readonly fault?: string }
  | { readonly kind: 'lost'; readonly client: string; readonly max: number; readonly fault?: string }
  /** client: one client network, or every probed one when absent. Percent bounds, 0..100. */
  | {
      readonly kind: 'success-rate';
      readonly client?: string;
      readonly minPercent?: number;
      readonly maxPercent?: number;
      readonly sinceMs?: number;
    }
  /** Bounds on the client's median latency (ok answers) over [since, at]. */
  | { readonly kind: 'latency'; readonly client: string; readonly minMs?: number; readonly maxMs?: number; readonly sinceMs?: number }
  | { readonly kind: 'spread'; readonly maxOverMean?: number; readonly minJain?: number; readonly sinceMs?: number }
  | { readonly kind: 'bgp-session'; readonly session: SessionRef; readonly state: 'established' | 'down' }
  | { readonly kind: 'route'; readonly router: string; readonly prefix: string; readonly present: boolean }
  /** attack (`of:` in the file): the attack measured; by default the latest one before the check. Percent bounds on the PoP's share. */
  | { readonly kind: 'attack-share'; readonly pop: string; readonly minPercent?: number; readonly maxPercent?: number; readonly attack?: string }
  | { readonly kind: 'attack-spread'; readonly minJain?: number; readonly maxOverMean?: number; readonly attack?: string }
  /** pop: one PoP, or 'all': every PoP the attack reached. */
  | { readonly kind: 'mitigated'; readonly pop: string; readonly withinMs: number; readonly attack?: string }
  /** The origin's requests per second over [since, at]. */
  | { readonly kind: 'origin-load'; readonly maxRate: number; readonly sinceMs?: number };

export interface FaultStep {
  readonly type: 'fault';
  readonly atMs: number;
  /** `id:` as written, else the kind. Reverts and expectations name faults by it. */
  readonly id: string;
  readonly action: FaultAction;
  readonly source: SourcePosition;
}

export interface RevertStep {
  readonly type: 'revert';
  readonly atMs: number;
  /** Ids of the faults this step reverts (`revert: all` lists every fault still in place). */
  readonly faults: readonly string[];
  readonly source: SourcePosition;
}

export interface ExpectStep {
  readonly type: 'expect';
  readonly atMs: number;
  readonly expectation: Expectation;
  readonly source: SourcePosition;
}

/** Attack traffic from the bots (contracts/attack-kinds.ts); it stops by itself after its `for`. */
export interface AttackStep {
  readonly type: 'attack';
  readonly atMs: number;
  /** `id:` as written, else the kind. `stop-attack` and the attack expectations name attacks by it. */
  readonly id: string;
  /** The kind and its fields, checked against the registry's specs (rate per second, `for` in ms). */
  readonly settings: AttackSettings;
  /** Botnets the attack comes from. */
  readonly from: 'all' | readonly string[];
  readonly source: SourcePosition;
}

export interface StopAttackStep {
  readonly type: 'stop-attack';
  readonly atMs: number;
  /** Ids of the attacks this step stops (`stop-attack: all`: every one still running). */
  readonly attacks: readonly string[];
  readonly source: SourcePosition;
}

export type Step = FaultStep | RevertStep | AttackStep | StopAttackStep | ExpectStep;

export interface SteadyStateExpectation {
  readonly expectation: Expectation;
  readonly source: SourcePosition;
}

export interface ProbeSettings {
  /** Client networks whose probes run; 'all' for every one in the lab. */
  readonly clients: 'all' | readonly string[];
  readonly ratePerS: number;
  readonly keepAlive: boolean;
  readonly timeoutMs: number;
  readonly path: string;
}

/** Overrides applied to the running lab before the run. */
export interface BgpOverrides {
  readonly bfd?: { readonly enabled?: boolean; readonly intervalMs?: number; readonly multiplier?: number };
  readonly timers?: { readonly profile: 'datacenter' | 'traditional' | 'custom'; readonly keepaliveS: number; readonly holdS: number };
}

export type ReferenceKind = 'pop' | 'server' | 'client' | 'link' | 'router' | 'node' | 'botnet';

/** A node name the scenario uses, with where it is written. */
export interface ScenarioReference extends SourcePosition {
  readonly kind: ReferenceKind;
  /** The name; for a link, `a--b` as written. */
  readonly name: string;
  readonly link?: LinkRef;
}

export interface Scenario {
  /** Path of the scenario file, as given to the parser. */
  readonly file: string;
  readonly name: string;
  readonly description?: string;
  /** Words suites select by (`chaos run DIR --only TAG`). */
  readonly tags: readonly string[];
  /** Topology file, resolved against the scenario file's folder. */
  readonly lab: string;
  readonly requires: readonly Feature[];
  readonly bgp?: BgpOverrides;
  readonly probe: ProbeSettings;
  readonly stableWindowMs: number;
  readonly steadyState: readonly SteadyStateExpectation[];
  readonly steps: readonly Step[];
  readonly durationMs: number;
  readonly references: readonly ScenarioReference[];
}
