import type { AddressPlan } from './types.ts';
import { cidrsOverlap, ipToInt, isIpv4, parseCidr, type Cidr } from './ipv4.ts';

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
  const own = networks.filter((n) => n.lab === plan.lab);
  const ownBridges = new Set(own.map((n) => n.bridge));
  const wanted = [
    { prefix: plan.topology.addressing.pool, what: 'addressing.pool' },
    { prefix: plan.anycast, what: 'addressing.anycast' },
  ];
  const collisions: AddressCollision[] = [];
  for (const { prefix, what } of wanted) {
    const cidr = parseCidr(prefix)!;
    for (const route of hostRoutes) {
      const dst = toCidr(route.dst);
      if (dst && !ownBridges.has(route.dev) && cidrsOverlap(cidr, dst)) {
        collisions.push({ prefix, what, with: `host route ${route.dst} dev ${route.dev}` });
      }
    }
    for (const net of networks) {
      if (net.lab === plan.lab) continue;
      for (const subnet of net.subnets) {
        const other = parseCidr(subnet);
        if (other && cidrsOverlap(cidr, other)) {
          collisions.push({ prefix, what, with: `Docker network ${net.name} (${subnet}${net.lab ? `, lab ${net.lab}` : ''})` });
        }
      }
    }
  }
  return collisions;
}
