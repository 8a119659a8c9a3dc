/**
 * Readers for single values, shared by topology and scenario files: each checks the type and range
 * and says `expected ..., got ...`. Bounded values go through their field spec
 * (contracts/field-spec.ts), so files and the command line word them alike.
 */
import { isScalar } from 'yaml';
import { checkField, expectedValue, type FieldSpec, type FieldValue } from '../../../contracts/field-spec.ts';
import { describe, fail, whereOf } from './source.ts';
import type { Located, Slot } from './source.ts';
import { didYouMean } from './suggest.ts';

/**
 * Reads a scalar with `parse`; reports `expected ..., got ...` (plus an optional hint) when it
 * gives undefined. Absent values are the map's business: nothing is reported for them here.
 */
export function readValue<T>(
  slot: Slot,
  expected: string,
  parse: (value: unknown) => T | undefined,
  hint: (value: unknown) => string = () => '',
): Located<T> | undefined {
  if (slot.node === undefined) return undefined;
  const raw: unknown = isScalar(slot.node) ? slot.node.value : undefined;
  const value = parse(raw);
  if (value === undefined) return fail(slot, `expected ${expected}, got ${describe(slot.node)}${hint(raw)}`);
  return { value, where: whereOf(slot) };
}

/** The value at `slot`, or `fallback` (located at the slot) when it is absent. */
export function withDefault<T>(slot: Slot, read: (slot: Slot) => Located<T> | undefined, fallback: T): Located<T> | undefined {
  return slot.node === undefined ? { value: fallback, where: whereOf(slot) } : read(slot);
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** A string with something in it, trimmed. */
export function readString(slot: Slot): Located<string> | undefined {
  return readValue(slot, 'a non-empty string', (v) => (isString(v) && v.trim() !== '' ? v.trim() : undefined));
}

export function readBool(slot: Slot): Located<boolean> | undefined {
  return readValue(slot, 'true or false', (v) => (typeof v === 'boolean' ? v : undefined));
}

/** One of `choices`, with "did you mean" for a near miss; `expected` says what they are. */
export function readChoice<T extends string>(slot: Slot, choices: readonly T[], expected = `one of ${choices.join(', ')}`): Located<T> | undefined {
  const parse = (v: unknown): T | undefined => choices.find((c) => c === v);
  return readValue(slot, expected, parse, (v) => (isString(v) ? didYouMean(v, choices) : ''));
}

/** A value checked against a field spec (contracts/field-spec.ts): the bounds and the wording that the command line uses too. */
export function readFieldValue<F extends FieldSpec>(slot: Slot, spec: F): Located<FieldValue<F>> | undefined {
  const check = (v: unknown): FieldValue<F> | undefined => {
    const checked = checkField(spec, v);
    return checked.ok ? checked.value : undefined;
  };
  const hint = (v: unknown): string => (spec.type === 'enum' && isString(v) ? didYouMean(v, spec.values) : '');
  return readValue(slot, expectedValue(spec), check, hint);
}

/** A whole number from `min` to `max`. */
export function readCount(slot: Slot, min: number, max: number): Located<number> | undefined {
  return readFieldValue(slot, { type: 'count', min, max, doc: '' });
}

export function readNumber(slot: Slot, min: number, max: number): Located<number> | undefined {
  return readFieldValue(slot, { type: 'number', min, max, doc: '' });
}

export function readDurationMs(slot: Slot, minMs: number, maxMs: number): Located<number> | undefined {
  return readFieldValue(slot, { type: 'duration', minMs, maxMs, doc: '' });
}

export function readPercent(slot: Slot): Located<number> | undefined {
  return readFieldValue(slot, { type: 'percent', min: 0, max: 100, doc: '' });
}

/** Bit rates from 1kbit to 10gbit (tbf's range on these links). */
export function readBitrateKbit(slot: Slot): Located<number> | undefined {
  return readFieldValue(slot, { type: 'bitrate', minKbit: 1, maxKbit: 10_000_000, doc: '' });
}
