/**
 * A fault kind as one declaration: its name, what it does, its target, its fields with their
 * bounds, whether it is a repair, and its plan (pure: stages of operations computed from the
 * addressing plan, executed elsewhere). The scenario reader, the command line and the docs tables
 * all read kinds from `registry.ts`.
 */
import type { FieldSpecs, FieldValues } from '../../../contracts/field-spec.ts';
import type { AddressPlan } from '../plan/types.ts';
import type { FaultPlan } from './fault-plan.ts';
import type { TargetOf, TargetShape } from './fault-target.ts';
import type { KernelFeatures } from '../plan/link-carrier.ts';

/**
 * A problem across fields (e.g. `jitter` without `delay`), reported at `field` or at the fault.
 * Field names in the message are written in backticks; the command line shows them as `--name`.
 */
export interface FieldProblem {
  readonly field?: string;
  readonly message: string;
}

/** A fault action of any kind, as a repair sees the faults it may end. */
export interface AnyFaultAction {
  readonly kind: string;
}

export interface FaultKindDocs {
  /** What it does to the lab. */
  readonly does: string;
  /** How it is taken back; '-' for repairs. */
  readonly revert: string;
  /** What the neighbours (and the users) see; '-' for repairs. */
  readonly seen: string;
}

export interface FaultKindSpec<K extends string, S extends TargetShape, F extends FieldSpecs, A extends { readonly kind: K }> {
  readonly kind: K;
  /** One line: what the fault is (for --help and the scenario docs). */
  readonly summary: string;
  readonly docs: FaultKindDocs;
  /** A repair ends faults (`link-up`, `heal`): nothing to revert, and `ends` says which. */
  readonly repair: boolean;
  readonly target: S;
  /** Parameters besides the target. */
  readonly fields: F;
  /** Field values (as written) that make a valid fault with the required fields, when no field alone does. */
  readonly example?: { readonly [K in keyof F]?: string };
  /** The action from its target and its checked fields, or what is wrong across them. */
  action(target: TargetOf[S], fields: FieldValues<F>): A | FieldProblem;
  /** What it acts on in reports, when the target alone does not say (`heal`: every partition). */
  readonly targetText?: string;
  plan(plan: AddressPlan, action: A, kernel: KernelFeatures): Omit<FaultPlan, 'target'>;
  /** Repairs: whether this repair ends `fault`, which is then no longer in force. */
  ends?(plan: AddressPlan, repair: A, fault: AnyFaultAction): boolean;
}

/** Keeps a kind's literal types (its name, its fields) so that its action is typed from them. */
export function defineFaultKind<const K extends string, const S extends TargetShape, const F extends FieldSpecs, A extends { readonly kind: K }>(
  spec: FaultKindSpec<K, S, F, A>,
): FaultKindSpec<K, S, F, A> {
  return spec;
}

/** Narrows a fault of any kind to one kind's action. */
export function isKind<A extends AnyFaultAction>(fault: AnyFaultAction, kind: A['kind']): fault is A {
  return fault.kind === kind;
}
