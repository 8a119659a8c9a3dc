/** Readers for maps and lists: their shape, unknown and duplicate keys, missing required keys. */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import { childSlot, describe, fail } from './source.ts';
import type { Slot } from './source.ts';
import { didYouMean } from './suggest.ts';

export interface MapShape {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/** The slot of each key of a map; absent keys give slots with no node. */
export type Fields = (key: string) => Slot;

const keyText = (pair: Pair): string => (isScalar(pair.key) ? String(pair.key.value) : describe(pair.key as Node));

function reportKey(slot: Slot, pair: Pair, message: string): void {
  const keyNode = pair.key as Node;
  fail({ ...slot, path: [...slot.path, keyText(pair)], node: keyNode, at: keyNode }, message);
}

/**
 * Reads a map of the given shape. Whatever is wrong is reported; the returned fields then hold
 * only what could be read, so that the caller reads on and reports the rest without cascades.
 */
export function readMap(slot: Slot, shape: MapShape): Fields {
  const keys = [...shape.required, ...shape.optional];
  const values = new Map<string, Pair>();
  const fields: Fields = (key) => childSlot(slot, key, values.get(key)?.value as Node | undefined);
  if (slot.node === undefined) return fields;
  if (!isMap(slot.node)) {
    fail(slot, `expected a map (keys: ${keys.join(', ')}), got ${describe(slot.node)}`);
    return fields;
  }
  for (const pair of slot.node.items) {
    const key = keyText(pair);
    const first = values.get(key);
    if (!keys.includes(key)) {
      reportKey(slot, pair, `unknown key "${key}"${didYouMean(key, keys, ` (expected one of: ${keys.join(', ')})`)}`);
    } else if (first) {
      const { line } = slot.source.lines.linePos((first.key as Node).range?.[0] ?? 0);
      reportKey(slot, pair, `duplicate key "${key}" (first given on line ${line})`);
    } else {
      values.set(key, pair);
    }
  }
  for (const key of shape.required) {
    const pair = values.get(key);
    if (!pair) fail({ ...slot, path: [...slot.path, key] }, `missing required key "${key}"`);
    else if (fields(key).node === undefined) reportKey(slot, pair, `missing a value for required key "${key}"`);
  }
  return fields;
}

/**
 * Reads a list of `noun`s (that must not be empty when `nonEmpty`). Empty items are reported and
 * left out; the returned slots keep their index in the file.
 */
export function readList(slot: Slot, noun: string, nonEmpty: boolean): Slot[] {
  if (slot.node === undefined) return [];
  if (!isSeq(slot.node)) {
    fail(slot, `expected a list of ${noun}s, got ${describe(slot.node)}`);
    return [];
  }
  if (nonEmpty && slot.node.items.length === 0) fail(slot, `expected at least 1 ${noun}, got an empty list`);
  const items = slot.node.items.map((item, index) => childSlot(slot, index, item as Node));
  for (const item of items.filter((i) => i.node === undefined)) fail(item, `expected a ${noun}, got nothing`);
  return items.filter((item) => item.node !== undefined);
}
