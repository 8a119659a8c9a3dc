/** IPv4 addresses and prefixes as numbers: enough arithmetic for an addressing plan. */

export interface Cidr {
  /** Network address as an unsigned 32-bit integer (host bits zero). */
  readonly network: number;
  readonly length: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => OCTET.test(p));
}

export function ipToInt(text: string): number {
  if (!isIpv4(text)) throw new RangeError(`not an IPv4 address: ${text}`);
  return text.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function intToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export function maskSize(length: number): number {
  return 2 ** (32 - length);
}

/** Parses `a.b.c.d/len`; returns undefined when the text is not one or has host bits set. */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  if (!match || !isIpv4(match[1]!)) return undefined;
  const length = Number(match[2]);
  if (length > 32) return undefined;
  const network = ipToInt(match[1]!);
  if (network % maskSize(length) !== 0) return undefined;
  return { network, length };
}

export function formatCidr(cidr: Cidr): string {
  return `${intToIp(cidr.network)}/${cidr.length}`;
}

export function cidrContains(cidr: Cidr, address: number): boolean {
  return address >= cidr.network && address < cidr.network + maskSize(cidr.length);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b.network) || cidrContains(b, a.network);
}

/** The i-th address inside a prefix (0 is the network address). */
export function hostAddress(cidr: Cidr, index: number): string {
  if (index < 0 || index >= maskSize(cidr.length)) {
    throw new RangeError(`host ${index} is outside ${formatCidr(cidr)}`);
  }
  return intToIp(cidr.network + index);
}

/** The i-th sub-prefix of a given length inside a prefix. */
export function subnet(cidr: Cidr, length: number, index: number): Cidr {
  if (length < cidr.length) throw new RangeError(`/${length} does not fit in ${formatCidr(cidr)}`);
  const count = 2 ** (length - cidr.length);
  if (index < 0 || index >= count) {
    throw new RangeError(`${formatCidr(cidr)} holds ${count} /${length}s, not ${index + 1}`);
  }
  return { network: cidr.network + index * maskSize(length), length };
}

/** Address ranges this project never uses: the host's own documentation ranges here. */
export const FORBIDDEN_RANGES: readonly Cidr[] = [parseCidr('192.0.2.0/24')!, parseCidr('203.0.113.0/24')!];
