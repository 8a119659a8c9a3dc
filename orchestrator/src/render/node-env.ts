import { createHash } from 'node:crypto';
import { AGENT_ENV, EDGE_ENV, FRR_ENV, LAB_ENV, ORIGIN_ENV } from '../../../contracts/env.ts';
import { PORTS } from '../../../contracts/ports.ts';
import { addressOn, lanKey } from '../plan/addressing.ts';
import { mechanismOf, wireCandidate, wireCandidatesOf, wirePort } from '../plan/link-carrier.ts';
import type { AddressPlan, PlannedNetwork, PlannedNode } from '../plan/types.ts';
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
  const wires = wireEntries(plan, node);
  if (wires) env[LAB_ENV.wires] = wires;
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

/** The LAN addresses of the other servers of the node's PoP. */
function peerAddresses(plan: AddressPlan, node: PlannedNode): string[] {
  const lan = lanKey(node.group!);
  return plan.nodes.filter((n) => n.role === 'edge' && n.group === node.group && n.name !== node.name).map((n) => addressOn(n, lan)!);
}

/**
 * The PoP's key for its block-sharing channel. Derived, so that rendering stays pure and the same
 * topology renders the same containers: it keeps out whoever does not know the lab's name, pool
 * and this rule (a client in the lab), not someone who can read the compose file.
 */
export function peerKey(plan: AddressPlan, pop: string): string {
  return createHash('sha256').update(`anycast-lab block sharing\n${plan.lab}\n${plan.topology.addressing.pool}\n${pop}`).digest('hex');
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
      const peers = peerAddresses(plan, node);
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
        ...(peers.length > 0 ? { [EDGE_ENV.peers]: peers.join(','), [EDGE_ENV.peerKey]: peerKey(plan, node.group!) } : {}),
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

const impairmentFields = ({ impairment: i }: PlannedNetwork): number[] => [i.delayMs ?? 0, i.jitterMs ?? 0, i.lossPercent ?? 0, i.rateKbit ?? 0];

/** `link addr delay_ms jitter_ms loss_pct rate_kbit` for each impaired link of the node not on a wire (see lab-impair). */
function impairmentEntries(plan: AddressPlan, node: PlannedNode): string {
  return node.interfaces
    .flatMap((iface) => {
      const network = plan.networks.find((n) => n.key === iface.network)!;
      if (Object.keys(network.impairment).length === 0 || wireCandidate(network)) return [];
      return [[iface.network, iface.address, ...impairmentFields(network)].join(' ')];
    })
    .join(';');
}

/**
 * `link cidr peer_mgmt port delay jitter loss rate mode` for each of the node's links the wire may
 * carry (docs/wire.md); mode `auto` lets lab-init use netem instead where the kernel has it.
 */
function wireEntries(plan: AddressPlan, node: PlannedNode): string {
  return wireCandidatesOf(plan, node)
    .map(({ iface, network }) => {
      const peer = plan.nodes.find((n) => n.name !== node.name && n.interfaces.some((i) => i.network === network.key))!;
      const cidr = `${iface.address}/${iface.prefixLength}`;
      return [network.key, cidr, peer.mgmtAddress, wirePort(plan, network), ...impairmentFields(network), mechanismOf(network) === 'wire' ? 'wire' : 'auto'].join(' ');
    })
    .join(';');
}
