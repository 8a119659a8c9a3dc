import type { AddressPlan } from './types.ts';
import { cidrsOverlap, ipToInt, isIpv4, parseCidr, type Cidr } from '../net/ipv4.ts';

/** A route of the host's routing table (`ip -j route`). */
export interface HostRoute {
  readonly dst: string;
  readonly dev: string;
}

/** A Docker network that exists already, with the bridge device it uses on the host. */
export interface ExistingNetwork {
  readonly name: string;
  readonly subnets: readonly string[];
  readonly bridge: string;
  /** The lab it belongs to, if it is one of ours. */
  readonly lab?: string;
}

export interface AddressCollision {
  readonly prefix: string;
  readonly what: string;
  readonly with: string;
}

function toCidr(dst: string): Cidr | undefined {
  if (dst === 'default') return undefined;
  if (isIpv4(dst)) return { network: ipToInt(dst), length: 32 };
  return parseCidr(dst);
}

/**
 * Every lab prefix that overlaps a host route or another Docker network (pure). The lab's own
 * networks (same lab, left from an earlier `up`) and their bridges are not collisions; the default
 * route is not one either.
 */
export function findAddressCollisions(
  plan: AddressPlan,
  hostRoutes: readonly HostRoute[],
  networks: readonly ExistingNetwork[],
): AddressCollision[] {
  // Routes on a Docker bridge are reported as that Docker network, not as a host route.
  const dockerBridges = new Set(networks.map((n) => n.bridge));
  const others = networks.filter((n) => n.lab !== plan.lab);
  const wanted = [
    { prefix: plan.topology.addressing.pool, what: 'addressing.pool' },
    { prefix: plan.anycast, what: 'addressing.anycast' },
  ];
  const collisions: AddressCollision[] = [];
  for (const { prefix, what } of wanted) {
    const cidr = parseCidr(prefix)!;
    for (const route of hostRoutes) {
      const dst = toCidr(route.dst);
      if (dst && !dockerBridges.has(route.dev) && cidrsOverlap(cidr, dst)) {
        collisions.push({ prefix, what, with: `host route ${route.dst} dev ${route.dev}` });
      }
    }
    const overlapping = others.flatMap((net) =>
      net.subnets.filter((subnet) => cidrsOverlap(cidr, parseCidr(subnet) ?? { network: 0, length: 32 })).map((subnet) => ({ net, subnet })),
    );
    const byOwner = new Map<string, { net: ExistingNetwork; subnet: string }[]>();
    for (const hit of overlapping) {
      const owner = hit.net.lab ? `lab ${hit.net.lab}` : `Docker network ${hit.net.name}`;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), hit]);
    }
    for (const [owner, hits] of byOwner) {
      const first = hits[0]!;
      const more = hits.length > 1 ? ` and ${hits.length - 1} more` : '';
      const detail = first.net.lab ? `: Docker network ${first.net.name} (${first.subnet})${more}` : ` (${first.subnet})`;
      collisions.push({ prefix, what, with: `${owner}${detail}` });
    }
  }
  return collisions;
}
