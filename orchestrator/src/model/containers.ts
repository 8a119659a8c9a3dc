/** How many containers a lab runs; they all sit on one management /24. */

export const MAX_CONTAINERS = 250;

/** The parts of a topology (or of its draft) that decide the container count. */
export interface ContainerCounts {
  readonly transits: readonly unknown[];
  readonly pops: readonly { readonly servers: number }[];
  readonly clients: readonly { readonly probes: number }[];
  readonly botnets: readonly { readonly bots: number }[];
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Transit routers, PoP routers and servers, access routers and probes, bots, and the origin. */
export function countContainers(t: ContainerCounts): number {
  return (
    t.transits.length +
    sum(t.pops.map((pop) => 1 + pop.servers)) +
    sum(t.clients.map((client) => 1 + client.probes)) +
    sum(t.botnets.map((botnet) => botnet.bots)) +
    1
  );
}
