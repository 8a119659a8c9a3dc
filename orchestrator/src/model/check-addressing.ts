/** The prefixes fit: a pool of a workable size, nothing overlapping, the service address inside the anycast prefix. */
import type { SourceIssue } from '../errors.ts';
import { cidrContains, cidrsOverlap, FORBIDDEN_RANGES, formatCidr, intToIp, maskSize } from '../net/ipv4.ts';
import type { Cidr } from '../net/ipv4.ts';
import type { AddressingDraft } from './draft.ts';
import { issueAt } from '../input/source.ts';
import type { Located } from '../input/source.ts';

/** Prefix lengths of the largest and the smallest pool: enough room for every link and LAN, no more. */
export const POOL_LENGTHS = { largest: 15, smallest: 22 } as const;

function checkForbidden(what: string, prefix: Located<Cidr> | undefined): SourceIssue[] {
  const range = prefix && FORBIDDEN_RANGES.find((forbidden) => cidrsOverlap(forbidden, prefix.value));
  if (!prefix || !range) return [];
  return [issueAt(prefix.where, `${what} ${formatCidr(prefix.value)} overlaps ${formatCidr(range)}, which this machine uses itself; pick another range`)];
}

function checkPoolSize(pool: Located<Cidr> | undefined): SourceIssue[] {
  const { largest, smallest } = POOL_LENGTHS;
  if (!pool || (pool.value.length >= largest && pool.value.length <= smallest)) return [];
  return [issueAt(pool.where, `expected a pool of /${largest} to /${smallest} (room for every link and LAN, and no more), got /${pool.value.length}`)];
}

function checkService(anycast: Located<Cidr> | undefined, service: Located<number> | undefined): SourceIssue[] {
  if (!anycast || !service) return [];
  const address = intToIp(service.value);
  const prefix = formatCidr(anycast.value);
  if (!cidrContains(anycast.value, service.value)) {
    return [issueAt(service.where, `the service address ${address} is outside the anycast prefix ${prefix}; give addressing.service inside it`)];
  }
  const broadcast = anycast.value.network + maskSize(anycast.value.length) - 1;
  if (service.value === anycast.value.network || service.value === broadcast) {
    return [issueAt(service.where, `the service address ${address} is the network or broadcast address of ${prefix}; pick a host address inside it`)];
  }
  return [];
}

export function checkAddressing({ pool, anycast, service }: AddressingDraft): SourceIssue[] {
  const overlap =
    pool && anycast && cidrsOverlap(pool.value, anycast.value)
      ? [issueAt(anycast.where, `the anycast prefix ${formatCidr(anycast.value)} overlaps the pool ${formatCidr(pool.value)}; they must not overlap`)]
      : [];
  return [
    ...checkPoolSize(pool),
    ...checkForbidden('the pool', pool),
    ...checkForbidden('the anycast prefix', anycast),
    ...overlap,
    ...checkService(anycast, service),
  ];
}
