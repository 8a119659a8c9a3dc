import type { AnnouncementState as EdgeAnnouncementState } from '../../../contracts/edge-admin.ts';

/**
 * What a fault does to a lab, as data: stages of operations (run in order; the operations of a
 * stage run side by side). Plans are computed from the addressing plan by pure functions and
 * executed by `executeStages`; the revert stages are written to the fault state file, so that a
 * new process can take a fault back without the topology.
 */

/** The states a fault waits for (never the passing `draining`). */
export type AnnouncementState = Exclude<EdgeAnnouncementState, 'draining'>;

export type FaultOp =
  /** A command in the node's container. It may print `@effective <epoch ms>` when it takes effect. */
  | { readonly op: 'exec'; readonly node: string; readonly argv: readonly string[] }
  /** `docker kill`: the processes die, their kernel closes every TCP session with a FIN. */
  | { readonly op: 'kill'; readonly node: string }
  /** Running again: started when stopped, unpaused when paused, left alone when running. */
  | { readonly op: 'resume'; readonly node: string }
  /** A JSON POST to an API on the management network (the edge's admin API). */
  | { readonly op: 'post'; readonly node: string; readonly url: string; readonly body: unknown }
  | { readonly op: 'sleep'; readonly ms: number }
  /** Until the edge server's announcement (`GET /announcement`) is in `state`. */
  | { readonly op: 'await-announcement'; readonly node: string; readonly url: string; readonly state: AnnouncementState; readonly timeoutMs: number }
  /** Until the router's BGP sessions with these neighbour addresses are Established. */
  | { readonly op: 'await-sessions'; readonly node: string; readonly peers: readonly string[]; readonly timeoutMs: number };

/** Operations that run side by side. */
export type FaultStage = readonly FaultOp[];

/** A flap: `down` then `up`, `count` times, one cycle every `periodMs`, down for `downForMs`. */
export interface FlapPlan {
  readonly down: readonly FaultStage[];
  readonly up: readonly FaultStage[];
  readonly count: number;
  readonly periodMs: number;
  readonly downForMs: number;
}

export interface FaultPlan {
  /** What the fault acts on, as reports show it (`tokyo`, `t-asia--tokyo`, `t-asia peer tokyo`). */
  readonly target: string;
  readonly apply: readonly FaultStage[];
  /** Empty for repairs (link-up, heal, ...): they have nothing to take back. */
  readonly revert: readonly FaultStage[];
  /** Flaps only: `apply` is empty and the flap runs these cycles; `revert` brings it up for good. */
  readonly flap?: FlapPlan;
}

