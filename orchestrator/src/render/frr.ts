import { BGP_POLICY, upstreamsOf } from '../plan/bgp-policy.ts';
import type { AddressPlan, BgpSession, PlannedNode } from '../plan/types.ts';

/**
 * frr.conf and daemons for one router, as pure text from the addressing plan.
 *
 * Every router honours RFC 8326 graceful shutdown on what it receives (GSHUT-tagged routes get
 * local-preference 0), so a draining edge server leaves its PoP's ECMP set and a draining PoP
 * loses its catchment before it withdraws. Ties between equally long AS paths are broken by the
 * lowest router-id (`bgp bestpath compare-routerid`) so that "next nearest" is deterministic.
 */

export const BFD_PROFILE = 'lab';
const MAX_ECMP_PATHS = 8;
const CONNECT_RETRY_S = 2;

interface Neighbor {
  readonly address: string;
  readonly asn: number;
  readonly name: string;
}

function neighborsOf(plan: AddressPlan, node: string): Neighbor[] {
  return plan.sessions.flatMap((s: BgpSession) => {
    if (s.a.node === node) return [{ address: s.b.address, asn: s.b.asn, name: s.b.node }];
    if (s.b.node === node) return [{ address: s.a.address, asn: s.a.asn, name: s.a.node }];
    return [];
  });
}

/** Prefixes a router originates: its LANs, and its link to the origin (which does not speak BGP). */
export function originatedPrefixes(plan: AddressPlan, node: PlannedNode): string[] {
  return plan.networks.filter((n) => n.originatedBy === node.name).map((n) => n.subnet);
}

function bfdBlock(plan: AddressPlan): string[] {
  const { bfd } = plan.topology.bgp;
  if (!bfd.enabled) return [];
  return [
    'bfd',
    ` profile ${BFD_PROFILE}`,
    `  detect-multiplier ${bfd.multiplier}`,
    `  receive-interval ${bfd.intervalMs}`,
    `  transmit-interval ${bfd.intervalMs}`,
    ' exit',
    ' !',
    'exit',
    '!',
  ];
}

function policyBlock(node: PlannedNode): string[] {
  const lines = [
    'bgp community-list standard GSHUT seq 5 permit graceful-shutdown',
    '!',
    'route-map HONOR-GSHUT permit 10',
    ' match community GSHUT',
    ' set local-preference 0',
    'exit',
    '!',
    'route-map HONOR-GSHUT permit 20',
    'exit',
    '!',
  ];
  if (node.role === 'pop-router' || node.role === 'access-router') {
    // Stub networks: announce only what they originate, never carry traffic between upstreams.
    const { ownAsPath, ownOnly } = BGP_POLICY;
    lines.push(`bgp as-path access-list ${ownAsPath} seq 5 permit ^$`, '!', `route-map ${ownOnly} permit 10`, ` match as-path ${ownAsPath}`, 'exit', '!');
  }
  if (node.role === 'edge') {
    // Edge servers route by their static default; they only announce, never learn. (The edge
    // service defines its own route-map GSHUT when it drains.)
    lines.push('route-map LEARN-NOTHING deny 10', 'exit', '!');
  }
  return lines;
}

function neighborLines(plan: AddressPlan, neighbor: Neighbor): string[] {
  const lines = [
    ` neighbor ${neighbor.address} remote-as ${neighbor.asn}`,
    ` neighbor ${neighbor.address} description ${neighbor.name}`,
    ` neighbor ${neighbor.address} advertisement-interval 0`,
    ` neighbor ${neighbor.address} timers connect ${CONNECT_RETRY_S}`,
  ];
  if (plan.topology.bgp.bfd.enabled) lines.push(` neighbor ${neighbor.address} bfd profile ${BFD_PROFILE}`);
  return lines;
}


function addressFamily(plan: AddressPlan, node: PlannedNode, neighbors: readonly Neighbor[]): string[] {
  const lines = [' address-family ipv4 unicast'];
  for (const prefix of originatedPrefixes(plan, node)) lines.push(`  network ${prefix}`);
  if (node.role === 'pop-router') {
    lines.push(`  aggregate-address ${plan.anycast} summary-only`, `  maximum-paths ${MAX_ECMP_PATHS}`);
  }
  const inbound = node.role === 'edge' ? 'LEARN-NOTHING' : 'HONOR-GSHUT';
  // A PoP router's or access router's sessions towards a transit (not towards its own servers).
  const upstreams = new Set(upstreamsOf(plan, node).map((u) => u.address));
  for (const n of neighbors) {
    lines.push(`  neighbor ${n.address} route-map ${inbound} in`);
    if (upstreams.has(n.address)) lines.push(`  neighbor ${n.address} route-map ${BGP_POLICY.ownOnly} out`);
  }
  lines.push(' exit-address-family');
  return lines;
}

export function renderFrrConfig(plan: AddressPlan, node: PlannedNode): string {
  if (node.asn === undefined || node.routerId === undefined) {
    throw new Error(`renderFrrConfig: ${node.name} (${node.role}) is not a router`);
  }
  const { keepaliveS, holdS } = plan.topology.bgp;
  const neighbors = neighborsOf(plan, node.name);
  const lines = [
    'frr version 8.4',
    'frr defaults traditional',
    `hostname ${node.name}`,
    'log file /var/log/frr/frr.log informational',
    'service integrated-vtysh-config',
    '!',
    ...bfdBlock(plan),
    ...policyBlock(node),
    `router bgp ${node.asn}`,
    ` bgp router-id ${node.routerId}`,
    ' no bgp ebgp-requires-policy',
    ' no bgp network import-check',
    ' bgp bestpath compare-routerid',
    ` timers bgp ${keepaliveS} ${holdS}`,
    ...neighbors.flatMap((n) => neighborLines(plan, n)),
    ' !',
    ...addressFamily(plan, node, neighbors),
    'exit',
    '!',
    'end',
  ];
  return lines.join('\n') + '\n';
}

export function renderDaemons(plan: AddressPlan): string {
  const bfd = plan.topology.bgp.bfd.enabled ? 'yes' : 'no';
  return [
    '# rendered by anycast-lab: zebra and watchfrr always run',
    'bgpd=yes',
    `bfdd=${bfd}`,
    'vtysh_enable=yes',
    'zebra_options="  -A 127.0.0.1 -s 90000000"',
    'bgpd_options="   -A 127.0.0.1"',
    'bfdd_options="   -A 127.0.0.1"',
    '',
  ].join('\n');
}
