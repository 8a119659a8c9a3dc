/** Readers for single values: each checks the type and range and says what it expected. */
import { isScalar } from 'yaml';
import { formatCidr, ipToInt, isIpv4, maskSize, parseCidr } from '../net/ipv4.ts';
import type { Cidr } from '../net/ipv4.ts';
import { describe, fail, whereOf } from './source.ts';
import type { Located, Slot } from './source.ts';
import { didYouMean } from './suggest.ts';
import { checkField, expectedValue, type FieldSpec, type FieldValue } from '../../../contracts/field-spec.ts';

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

const intIn =
  (min: number, max: number) =>
  (value: unknown): number | undefined =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;

export function readString(slot: Slot): Located<string> | undefined {
  return readValue(slot, 'a string', (v) => (isString(v) ? v : undefined));
}

export function readBool(slot: Slot): Located<boolean> | undefined {
  return readValue(slot, 'true or false', (v) => (typeof v === 'boolean' ? v : undefined));
}

export function readInt(slot: Slot, min: number, max: number): Located<number> | undefined {
  return readValue(slot, `an integer ${min}..${max}`, intIn(min, max));
}

export function readChoice<T extends string>(slot: Slot, expected: string, choices: readonly T[]): Located<T> | undefined {
  const parse = (v: unknown): T | undefined => choices.find((c) => c === v);
  return readValue(slot, expected, parse, (v) => (isString(v) ? didYouMean(v, choices) : ''));
}

const NAME = /^[a-z][a-z0-9-]{0,30}$/;
/** Lab names: they become container, network and file names, so no path separators or spaces. */
export const LAB_NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,39}$/;
const LAB = LAB_NAME_PATTERN;

/** A node name: it becomes part of container, link and interface names. */
export function readName(slot: Slot): Located<string> | undefined {
  const expected = 'a name of lowercase letters, digits and "-", starting with a letter, at most 31 characters';
  return readValue(slot, expected, (v) => (isString(v) && NAME.test(v) ? v : undefined));
}

/** A lab name: the prefix of every container and network of the lab. */
export function readLabName(slot: Slot): Located<string> | undefined {
  const expected = 'a lab name of lowercase letters, digits, "_", "." and "-", starting with a letter or digit, at most 40 characters';
  return readValue(slot, expected, (v) => (isString(v) && LAB.test(v) ? v : undefined));
}

export function readAsn(slot: Slot): Located<number> | undefined {
  return readValue(slot, 'an integer ASN 1..4294967295', intIn(1, 4294967295));
}

/**
 * A value checked against a field spec (contracts/field-spec.ts): the bounds and the wording that
 * scenario files and the command line use too.
 */
export function readFieldValue<F extends FieldSpec>(slot: Slot, spec: F): Located<FieldValue<F>> | undefined {
  const check = (v: unknown): FieldValue<F> | undefined => {
    const checked = checkField(spec, v);
    return checked.ok ? checked.value : undefined;
  };
  const hint = (v: unknown): string => (spec.type === 'enum' && isString(v) ? didYouMean(v, spec.values) : '');
  return readValue(slot, expectedValue(spec), check, hint);
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

/** ` (host bits are set; the network is 10.0.0.0/8)` for `10.1.0.0/8`. */
function hostBitsHint(value: unknown): string {
  const match = isString(value) ? /^([\d.]+)\/(\d{1,2})$/.exec(value) : null;
  if (!match || !isIpv4(match[1]!) || Number(match[2]) > 32) return '';
  const size = maskSize(Number(match[2]));
  const network = Math.floor(ipToInt(match[1]!) / size) * size;
  return ` (host bits are set; the network is ${formatCidr({ network, length: Number(match[2]) })})`;
}

export function readCidr(slot: Slot): Located<Cidr> | undefined {
  return readValue(slot, 'an IPv4 prefix like 198.18.0.0/16', (v) => (isString(v) ? parseCidr(v) : undefined), hostBitsHint);
}

/** An IPv4 address as a number. */
export function readIpv4(slot: Slot): Located<number> | undefined {
  return readValue(slot, 'an IPv4 address like 198.51.100.10', (v) => (isString(v) && isIpv4(v) ? ipToInt(v) : undefined));
}
