/**
 * What attacks did to the PoPs, from readings taken during the run on the one clock (epoch ms):
 * bots' counters, edges' kernel-filter drops, the origin's request count. Pure.
 */
import type { AttackKind } from '../../../contracts/attack-kinds.ts';

/** An attack as a run started it: from its start to its `for`, or to its stop if that came first. */
export interface AttackEvent {
  /** The scenario's id for it. */
  readonly id: string;
  readonly kind: AttackKind;
  readonly from: readonly string[];
  /** Units of the kind per second, over all bots together. */
  readonly rate: number;
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly bots: readonly { readonly node: string; readonly botnet: string }[];
}
