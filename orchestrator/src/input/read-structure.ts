/**
 * Readers for maps and lists, shared by topology and scenario files: their shape, unknown and
 * duplicate keys (with "did you mean"), missing required keys, empty items. One wording for both.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import { childSlot, describe, fail } from './source.ts';
import type { Slot, Source } from './source.ts';
import { didYouMean } from './suggest.ts';

const keyText = (pair: Pair): string => (isScalar(pair.key) ? String(pair.key.value) : describe(pair.key as Node));

/**
 * The keys of a map, read by name. Opening it reports a value that is not a map and duplicate
 * keys; which keys are allowed or required is checked by `allowOnly` and `require`, so that a
 * reader can decide from one field (a step's `fault:` kind) which others the map takes.
 * A map that could not be read has no keys: its fields are absent, so nothing cascades.
 */
export class MapFields<S extends Source = Source> {
  readonly slot: Slot<S>;
  /** The value is a map (an absent one, or one of another type, has no keys to require). */
  readonly read: boolean;
  private readonly pairs = new Map<string, Pair>();

  constructor(slot: Slot<S>, about: string) {
    this.slot = slot;
    this.read = isMap(slot.node);
    if (slot.node === undefined) return;
    if (!isMap(slot.node)) {
      fail(slot, `expected a map (${about}), got ${describe(slot.node)}`);
      return;
    }
    for (const pair of slot.node.items) {
      const key = keyText(pair);
      const first = this.pairs.get(key);
      if (first === undefined) {
        this.pairs.set(key, pair);
      } else {
        const { line } = slot.source.lines.linePos((first.key as Node).range?.[0] ?? 0);
        this.reportKey(pair, `duplicate key "${key}" (first given on line ${line})`);
      }
    }
  }

  /** Whether the key is written (even with no value). */
  has(key: string): boolean {
    return this.pairs.has(key);
  }

  /** The slot of a key's value; an absent key or an empty value gives a slot with no node, placed at this map. */
  get(key: string): Slot<S> {
    return childSlot(this.slot, key, this.pairs.get(key)?.value as Node | undefined);
  }

  /** Reports every key not in `allowed`, with the closest allowed one as a suggestion; `what` names the map (`a PoP`). */
  allowOnly(allowed: readonly string[], what: string): void {
    const expected = allowed.length === 0 ? ' (it takes no keys)' : ` (expected one of: ${allowed.join(', ')})`;
    for (const [key, pair] of this.pairs) {
      if (!allowed.includes(key)) this.reportKey(pair, `unknown key "${key}" for ${what}${didYouMean(key, allowed, expected)}`);
    }
  }

  /** The slot of a key that must be given; reports it missing, or written without a value. `hint` says what it is. */
  require(key: string, hint?: string): Slot<S> {
    const pair = this.pairs.get(key);
    const slot = this.get(key);
    const about = hint === undefined ? '' : ` (${hint})`;
    if (pair === undefined) {
      if (this.read) fail(slot, `missing required key "${key}"${about}`);
    }
    else if (slot.node === undefined) this.reportKey(pair, `missing a value for required key "${key}"${about}`);
    return slot;
  }

  private reportKey(pair: Pair, message: string): void {
    const keyNode = pair.key as Node;
    fail({ ...this.slot, path: [...this.slot.path, keyText(pair)], node: keyNode, at: keyNode }, message);
  }
}

export interface MapShape {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/** The slot of each key of a map; absent keys give slots with no node. */
export type Fields<S extends Source = Source> = (key: string) => Slot<S>;

/**
 * Reads a map whose keys are known up front (`what` names it in messages). Whatever is wrong is
 * reported; the returned fields then hold only what could be read, so that the caller reads on
 * and reports the rest without cascades.
 */
export function readMap<S extends Source>(slot: Slot<S>, shape: MapShape, what: string): Fields<S> {
  const keys = [...shape.required, ...shape.optional];
  const map = new MapFields(slot, `keys: ${keys.join(', ')}`);
  map.allowOnly(keys, what);
  for (const key of shape.required) map.require(key);
  return (key) => (keys.includes(key) ? map.get(key) : childSlot(slot, key, undefined));
}

/** What a list holds, for its messages: `{ one: 'PoP' }` (the plural is `PoPs` unless given). */
export interface ListItems {
  readonly one: string;
  readonly many?: string;
  /** The list must have at least one item. */
  readonly nonEmpty?: boolean;
}

/**
 * Reads a list. Empty items are reported and left out; the returned slots keep their index in the
 * file. A value that is not a list is reported and reads as no items.
 */
export function readList<S extends Source>(slot: Slot<S>, items: ListItems): Slot<S>[] {
  if (slot.node === undefined) return [];
  if (!isSeq(slot.node)) {
    fail(slot, `expected a list of ${items.many ?? `${items.one}s`}, got ${describe(slot.node)}`);
    return [];
  }
  if (items.nonEmpty && slot.node.items.length === 0) fail(slot, `expected at least 1 ${items.one}, got an empty list`);
  const read = slot.node.items.map((item, index) => childSlot(slot, index, item as Node));
  for (const item of read.filter((i) => i.node === undefined)) fail(item, `expected a ${items.one}, got nothing`);
  return read.filter((item) => item.node !== undefined);
}
