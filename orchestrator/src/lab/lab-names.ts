import type { AddressPlan } from '../plan/types.ts';
import type { TopologyNames } from '../scenario/check-against-topology.ts';

/** The names a scenario may use in this lab, for checkScenarioAgainstTopology. */
export function labNames(plan: AddressPlan): TopologyNames {
  const servers = plan.nodes.filter((n) => n.role === 'edge');
  return {
    pops: plan.topology.pops.map((p) => p.name),
    servers: servers.map((n) => `${n.group}/${n.server}`),
    clients: plan.topology.clients.map((c) => c.name),
    links: plan.topology.links.map((l) => l.name),
    routers: plan.nodes.filter((n) => n.asn !== undefined).map((n) => n.name),
    botnets: plan.topology.botnets.map((b) => b.name),
  };
}
