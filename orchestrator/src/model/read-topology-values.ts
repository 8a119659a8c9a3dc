/**
 * Readers for the values only topology files have: node and lab names, ASNs, IPv4 prefixes and
 * addresses. The generic ones (strings, numbers, durations, maps, lists) are in input/.
 */
import { formatCidr, ipToInt, isIpv4, maskSize, parseCidr } from '../net/ipv4.ts';
import type { Cidr } from '../net/ipv4.ts';
import { readValue } from '../input/read-scalars.ts';
import type { Located, Slot } from '../input/source.ts';

const isString = (value: unknown): value is string => typeof value === 'string';

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
  return readValue(slot, 'an ASN, a whole number from 1 to 4294967295', (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 4294967295 ? v : undefined));
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
