import type { Topology } from '../model/types.ts';

export interface NearestPops {
  /** Every PoP at the shortest AS-path length (more than one: BGP's tie-break decides). */
  readonly pops: readonly string[];
  /** AS-path length the client's access router sees for them (transits crossed + the PoP's AS). */
  readonly asPathLength: number;
}

/**
 * Where BGP should send a client, predicted from the topology alone: the PoPs whose anycast
 * announcement reaches the client's access router over the fewest AS hops. Only transits carry
 * traffic for others (PoPs and client networks announce only their own prefixes), so this is a
 * breadth-first search over the transit graph. `without` leaves PoPs out (as after their failure).
 */
export function nearestPops(topology: Topology, client: string, without: readonly string[] = []): NearestPops | undefined {
  const transits = new Set(topology.transits.map((t) => t.name));
  const neighbours = new Map<string, string[]>();
  for (const link of topology.links) {
    neighbours.set(link.a, [...(neighbours.get(link.a) ?? []), link.b]);
    neighbours.set(link.b, [...(neighbours.get(link.b) ?? []), link.a]);
  }
  const home = topology.clients.find((c) => c.name === client)?.upstream;
  if (!home) return undefined;
  const pops = new Set(topology.pops.map((p) => p.name).filter((p) => !without.includes(p)));
  const distance = new Map([[home, 1]]);
  const queue = [home];
  const found: string[] = [];
  let foundAt = Infinity;
  while (queue.length > 0) {
    const transit = queue.shift()!;
    const d = distance.get(transit)!;
    if (d >= foundAt) break;
    for (const next of neighbours.get(transit) ?? []) {
      if (pops.has(next) && !found.includes(next)) {
        found.push(next);
        foundAt = d + 1;
      } else if (transits.has(next) && !distance.has(next)) {
        distance.set(next, d + 1);
        queue.push(next);
      }
    }
  }
  return found.length > 0 ? { pops: found.sort(), asPathLength: foundAt } : undefined;
}
