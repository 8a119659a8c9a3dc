import { AGENT_ENV, EDGE_ENV, FRR_ENV, LAB_ENV, ORIGIN_ENV } from '../../../contracts/env.ts';
import { PORTS } from '../../../contracts/ports.ts';
import { addressOn, lanKey } from '../plan/addressing.ts';
import type { AddressPlan, PlannedNode } from '../plan/types.ts';
import { renderDaemons, renderFrrConfig } from './frr.ts';

/** The environment of a node's container: what its entrypoint scripts and its program read. */
export function nodeEnv(plan: AddressPlan, node: PlannedNode): Record<string, string> {
  const env: Record<string, string> = {
    [LAB_ENV.name]: plan.lab,
    [LAB_ENV.node]: node.name,
    [LAB_ENV.role]: node.role,
    [LAB_ENV.mgmtAddr]: node.mgmtAddress,
    [LAB_ENV.serviceAddr]: plan.service,
  };
  if (node.defaultVia) env[LAB_ENV.defaultVia] = node.defaultVia;
  if (node.loopbacks.length > 0) env[LAB_ENV.loopback] = node.loopbacks.join(',');
  if (node.extraAddresses.length > 0) env[LAB_ENV.extraAddrs] = node.extraAddresses.join(',');
  const impairments = impairmentEntries(plan, node);
  if (impairments) env[LAB_ENV.impairments] = impairments;
  return { ...env, ...roleEnv(plan, node) };
}

function parentUrls(plan: AddressPlan, node: PlannedNode): string | undefined {
  const pop = plan.topology.pops.find((p) => p.name === node.group);
  if (!pop?.parent) return undefined;
  const parentLan = lanKey(pop.parent);
  const urls = plan.nodes
    .filter((n) => n.role === 'edge' && n.group === pop.parent)
    .map((n) => `http://${addressOn(n, parentLan)}:${PORTS.http}`);
  return urls.join(',');
}

function frrEnv(plan: AddressPlan, node: PlannedNode): Record<string, string> {
  return { [FRR_ENV.conf]: renderFrrConfig(plan, node), [FRR_ENV.daemons]: renderDaemons(plan) };
}

function roleEnv(plan: AddressPlan, node: PlannedNode): Record<string, string> {
  switch (node.role) {
    case 'transit':
    case 'pop-router':
    case 'access-router':
      return frrEnv(plan, node);
    case 'edge': {
      const parents = parentUrls(plan, node);
      return {
        ...frrEnv(plan, node),
        [EDGE_ENV.pop]: node.group!,
        [EDGE_ENV.server]: node.server!,
        [EDGE_ENV.serviceAddr]: plan.service,
        [EDGE_ENV.lanAddr]: addressOn(node, lanKey(node.group!))!,
        [EDGE_ENV.serverAsn]: String(node.asn),
        [EDGE_ENV.originUrl]: plan.originUrl,
        [EDGE_ENV.httpPort]: String(PORTS.http),
        [EDGE_ENV.h2cPort]: String(PORTS.h2c),
        [EDGE_ENV.adminPort]: String(PORTS.edgeAdmin),
        [EDGE_ENV.kernelFilter]: 'iptables',
        ...(parents ? { [EDGE_ENV.parentUrls]: parents } : {}),
      };
    }
    case 'probe':
      return { [AGENT_ENV.clientNetwork]: node.group!, [AGENT_ENV.port]: String(PORTS.agent) };
    case 'bot': {
      const botnet = plan.topology.botnets.find((b) => b.name === node.group)!;
      return {
        [AGENT_ENV.clientNetwork]: botnet.client,
        [AGENT_ENV.port]: String(PORTS.agent),
        [AGENT_ENV.botSources]: node.extraAddresses.map((a) => a.split('/')[0]).join(','),
      };
    }
    case 'origin':
      return { [ORIGIN_ENV.port]: String(PORTS.http) };
  }
}

/** `link addr delay_ms jitter_ms loss_pct rate_kbit` for each impaired link of the node (see lab-impair). */
function impairmentEntries(plan: AddressPlan, node: PlannedNode): string {
  return node.interfaces
    .flatMap((iface) => {
      const { impairment: i } = plan.networks.find((n) => n.key === iface.network)!;
      if (Object.keys(i).length === 0) return [];
      return [[iface.network, iface.address, i.delayMs ?? 0, i.jitterMs ?? 0, i.lossPercent ?? 0, i.rateKbit ?? 0].join(' ')];
    })
    .join(';');
}
