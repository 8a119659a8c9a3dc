/**
 * What the scenario reader adds to the shared positioned-YAML readers (input/): every node name a
 * scenario uses is remembered with its position, so that it can be checked against the lab's
 * topology once that is known (checkScenarioAgainstTopology).
 */
import type { MapFields } from '../input/read-structure.ts';
import { readList } from '../input/read-structure.ts';
import { readString } from '../input/read-scalars.ts';
import { positionOf } from '../input/source.ts';
import type { Slot, Source } from '../input/source.ts';
import type { LinkRef, ReferenceKind, ScenarioReference } from './types.ts';

/** A scenario file as its readers see it: the shared source plus the node names it uses. */
export interface ScenarioSource extends Source {
  readonly references: ScenarioReference[];
}

export type ScenarioSlot = Slot<ScenarioSource>;
export type ScenarioMap = MapFields<ScenarioSource>;

/** Remembers `name` (of `kind`) as written at `slot`. */
export function remember(slot: ScenarioSlot, kind: ReferenceKind, name: string, link?: LinkRef): void {
  slot.source.references.push({ kind, name, ...(link === undefined ? {} : { link }), ...positionOf(slot) });
}

/** A node name, remembered with its position. */
export function readReference(slot: ScenarioSlot, kind: ReferenceKind): string | undefined {
  const name = readString(slot)?.value;
  if (name !== undefined) remember(slot, kind, name);
  return name;
}

/** A non-empty list of node names (`one` says what they are), each remembered. */
export function readReferenceList(slot: ScenarioSlot, kind: ReferenceKind, one: string): string[] | undefined {
  if (slot.node === undefined) return undefined;
  const items = readList(slot, { one, nonEmpty: true });
  const names = items.map((item) => readReference(item, kind));
  return items.length > 0 && names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}
