/**
 * Every fault kind, one line each. The kind's name, its action type, `FaultKind` and
 * `FaultAction` all come from here: a kind file that is not listed is not a kind, and a listed
 * one under another name does not compile.
 */
import type { FieldSpecs } from '../../../contracts/field-spec.ts';
import type { AddressPlan } from '../plan/types.ts';
import type { FaultKindSpec } from './fault-kind.ts';
import type { FaultPlan } from './fault-plan.ts';
import { describeTarget, type TargetShape } from './fault-target.ts';
import { bgpSessionDown } from './kinds/bgp-session-down.ts';
import { bgpSessionUp } from './kinds/bgp-session-up.ts';
import { flap } from './kinds/flap.ts';
import { heal } from './kinds/heal.ts';
import { linkDown } from './kinds/link-down.ts';
import { linkImpair } from './kinds/link-impair.ts';
import { linkUp } from './kinds/link-up.ts';
import { partition } from './kinds/partition.ts';
import { popCrash } from './kinds/pop-crash.ts';
import { popDrain } from './kinds/pop-drain.ts';
import { popKill } from './kinds/pop-kill.ts';
import { popPrepend } from './kinds/pop-prepend.ts';
import { popRestart } from './kinds/pop-restart.ts';
import { popUndrain } from './kinds/pop-undrain.ts';
import { popWithdraw } from './kinds/pop-withdraw.ts';
import { serverCrash } from './kinds/server-crash.ts';
import { serverUnhealthy } from './kinds/server-unhealthy.ts';
import type { KernelFeatures } from '../plan/link-carrier.ts';

/** In the order `--help` and the docs list them. */
const KINDS = {
  'pop-crash': popCrash,
  'pop-kill': popKill,
  'pop-restart': popRestart,
  'server-crash': serverCrash,
  'server-unhealthy': serverUnhealthy,
  'pop-drain': popDrain,
  'pop-undrain': popUndrain,
  'pop-withdraw': popWithdraw,
  'pop-prepend': popPrepend,
  'link-down': linkDown,
  'link-up': linkUp,
  'link-impair': linkImpair,
  'bgp-session-down': bgpSessionDown,
  'bgp-session-up': bgpSessionUp,
  partition,
  heal,
  flap,
} as const;

/** A registered kind, whatever its fields and action. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind's action type is checked where it is declared
export type AnyFaultKindSpec = FaultKindSpec<string, TargetShape, FieldSpecs, any>;

type Registry = typeof KINDS;
/** Each key is its kind's name: `{ 'pop-crash': popKill }` does not compile. */
type KeyedByName = { readonly [K in keyof Registry]: Registry[K] extends { readonly kind: K } ? AnyFaultKindSpec : never };

export const FAULT_REGISTRY: KeyedByName = KINDS;

export type FaultKind = keyof Registry;
export type FaultAction = { [K in FaultKind]: Registry[K] extends FaultKindSpec<K, TargetShape, FieldSpecs, infer A> ? A : never }[FaultKind];

export const FAULT_KINDS = Object.keys(KINDS) as FaultKind[];

/** Kinds that repair rather than break: they have no revert of their own. */
export const REPAIR_KINDS: ReadonlySet<FaultKind> = new Set(FAULT_KINDS.filter((kind) => KINDS[kind].repair));

export function isFaultKind(word: string): word is FaultKind {
  return Object.hasOwn(KINDS, word);
}

export function faultKind(kind: FaultKind): AnyFaultKindSpec {
  return FAULT_REGISTRY[kind];
}

/** What a fault acts on, as shown in reports: `tokyo`, `t-asia--tokyo`, `t-asia peer tokyo`. */
export function describeFaultTarget(action: FaultAction): string {
  const spec = faultKind(action.kind);
  return describeTarget(spec.target, action) ?? spec.targetText ?? '';
}

/** What a fault does to this lab, and how it is taken back: pure, from the addressing plan. */
export function planFault(plan: AddressPlan, action: FaultAction, kernel: KernelFeatures): FaultPlan {
  return { target: describeFaultTarget(action), ...faultKind(action.kind).plan(plan, action, kernel) };
}

/** Whether a repair (pop-restart, link-up, heal, ...) ends a fault in force, which then needs no revert of its own. */
export function repairs(plan: AddressPlan, repair: FaultAction, fault: FaultAction): boolean {
  return faultKind(repair.kind).ends?.(plan, repair, fault) ?? false;
}
