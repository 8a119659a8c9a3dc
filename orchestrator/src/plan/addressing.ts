import { AnycastLabError } from '../errors.ts';
import { botName, edgeServerName, lanKey, probeName } from '../model/generated-names.ts';
import { LINKS_PER_BLOCK } from '../model/pool-blocks.ts';
import type { LinkIntent, Topology } from '../model/types.ts';
import { formatCidr, hostAddress, maskSize, parseCidr, subnet, type Cidr } from '../net/ipv4.ts';
import type { AddressPlan, BgpSession, PlannedInterface, PlannedNetwork, PlannedNode } from './types.ts';

/**
 * The addressing plan, a pure function of the topology (same file, same addresses):
 *   pool /24 number 0        management network (.1 host bridge, nodes from .2 in declaration order)
 *   next /24s                /29 per link, in the topology's link order (.2 side a, .3 side b)
 *   the /24s after those     one LAN per PoP, per client network, per botnet (.2 its router,
 *                            hosts from .11, bot source addresses from .40)
 */

export { botName, edgeServerName, lanKey, probeName };

const FIRST_HOST = 11;
const FIRST_BOT_SOURCE = 40;


interface Blocks {
  readonly pool: Cidr;
  next: number;
}

function takeBlock(blocks: Blocks, topology: Topology, purpose: string): Cidr {
  const count = maskSize(24) > maskSize(blocks.pool.length) ? 0 : maskSize(blocks.pool.length) / maskSize(24);
  if (blocks.next >= count) {
    throw new AnycastLabError(
      'TOPOLOGY_INVALID',
      `${topology.file}: addressing.pool: ${formatCidr(blocks.pool)} holds ${count} /24 blocks, too few for this lab ` +
        `(ran out at ${purpose}); give it a larger pool (e.g. a /20)`,
    );
  }
  return subnet(blocks.pool, 24, blocks.next++);
}

function linkNetworks(topology: Topology, blocks: Blocks): PlannedNetwork[] {
  const networks: PlannedNetwork[] = [];
  let block: Cidr | undefined;
  topology.links.forEach((link: LinkIntent, index) => {
    if (index % LINKS_PER_BLOCK === 0) block = takeBlock(blocks, topology, `link ${link.name}`);
    const net = subnet(block!, 29, index % LINKS_PER_BLOCK);
    const toOrigin = link.b === topology.origin.name;
    networks.push({
      key: link.name,
      kind: 'link',
      subnet: formatCidr(net),
      gateway: hostAddress(net, 1),
      impairment: link.impairment,
      ...(link.mechanism === undefined ? {} : { mechanism: link.mechanism }),
      ...(toOrigin ? { originatedBy: link.a } : {}),
    });
  });
  return networks;
}

function lanNetwork(owner: string, router: string, block: Cidr): PlannedNetwork {
  return { key: lanKey(owner), kind: 'lan', subnet: formatCidr(block), gateway: hostAddress(block, 1), impairment: {}, originatedBy: router };
}

class NodeBuilder {
  private readonly nodes = new Map<string, { node: PlannedNode; interfaces: PlannedInterface[] }>();
  private mgmtIndex = 2;

  constructor(private readonly mgmt: Cidr) {}

  add(node: Omit<PlannedNode, 'mgmtAddress' | 'interfaces' | 'loopbacks' | 'extraAddresses'> & Partial<PlannedNode>): void {
    const interfaces: PlannedInterface[] = [];
    const mgmtAddress = hostAddress(this.mgmt, this.mgmtIndex++);
    this.nodes.set(node.name, {
      node: { loopbacks: [], extraAddresses: [], ...node, mgmtAddress, interfaces, routerId: node.routerId ?? (node.asn !== undefined ? mgmtAddress : undefined) },
      interfaces,
    });
  }

  attach(name: string, network: PlannedNetwork, hostIndex: number): string {
    const entry = this.nodes.get(name);
    if (!entry) throw new Error(`plan: unknown node ${name}`);
    const cidr = parseCidr(network.subnet)!;
    const address = hostAddress(cidr, hostIndex);
    entry.interfaces.push({ network: network.key, address, prefixLength: cidr.length });
    return address;
  }

  asn(name: string): number | undefined {
    return this.nodes.get(name)?.node.asn;
  }

  list(): PlannedNode[] {
    return [...this.nodes.values()].map((entry) => entry.node);
  }
}

export function planAddresses(topology: Topology): AddressPlan {
  const pool = parseCidr(topology.addressing.pool);
  if (!pool) throw new AnycastLabError('TOPOLOGY_INVALID', `${topology.file}: addressing.pool: not a prefix`);
  const blocks: Blocks = { pool, next: 0 };
  const mgmtBlock = takeBlock(blocks, topology, 'the management network');
  const mgmt: PlannedNetwork = { key: 'mgmt', kind: 'mgmt', subnet: formatCidr(mgmtBlock), gateway: hostAddress(mgmtBlock, 1), impairment: {} };
  const links = linkNetworks(topology, blocks);
  const lanOwners: [owner: string, router: string][] = [
    ...topology.pops.map((p): [string, string] => [p.name, p.name]),
    ...topology.clients.map((c): [string, string] => [c.name, c.name]),
    ...topology.botnets.map((b): [string, string] => [b.name, b.client]),
  ];
  const lans = new Map(
    lanOwners.map(([owner, router]) => [owner, lanNetwork(owner, router, takeBlock(blocks, topology, `LAN of ${owner}`))]),
  );
  const lan = (owner: string): PlannedNetwork => lans.get(owner)!;

  const nodes = new NodeBuilder(mgmtBlock);
  for (const t of topology.transits) nodes.add({ name: t.name, role: 'transit', asn: t.asn });
  for (const pop of topology.pops) {
    nodes.add({ name: pop.name, role: 'pop-router', asn: pop.asn, group: pop.name });
    for (let i = 1; i <= pop.servers; i++) {
      nodes.add({
        name: edgeServerName(pop.name, i),
        role: 'edge',
        asn: topology.serverAsn,
        group: pop.name,
        server: `edge-${i}`,
        loopbacks: [`${topology.addressing.service}/32`],
      });
    }
  }
  for (const client of topology.clients) {
    nodes.add({ name: client.name, role: 'access-router', asn: client.asn, group: client.name });
    for (let i = 1; i <= client.probes; i++) nodes.add({ name: probeName(client.name, i), role: 'probe', group: client.name });
  }
  for (const botnet of topology.botnets) {
    const block = parseCidr(lan(botnet.name).subnet)!;
    for (let i = 1; i <= botnet.bots; i++) {
      const first = FIRST_BOT_SOURCE + (i - 1) * botnet.sources;
      const extraAddresses = Array.from({ length: botnet.sources }, (_, k) => `${hostAddress(block, first + k)}/24`);
      nodes.add({ name: botName(botnet.name, i), role: 'bot', group: botnet.name, extraAddresses });
    }
  }
  nodes.add({ name: topology.origin.name, role: 'origin' });

  // Links: side a is .2, side b is .3; a BGP session wherever both sides speak BGP.
  const sessions: BgpSession[] = [];
  topology.links.forEach((link, index) => {
    const network = links[index]!;
    const aAddress = nodes.attach(link.a, network, 2);
    const bAddress = nodes.attach(link.b, network, 3);
    const aAsn = nodes.asn(link.a);
    const bAsn = nodes.asn(link.b);
    if (aAsn !== undefined && bAsn !== undefined) {
      sessions.push({ network: network.key, a: { node: link.a, address: aAddress, asn: aAsn }, b: { node: link.b, address: bAddress, asn: bAsn } });
    }
  });

  const defaults = new Map<string, string>();
  const attachLan = (owner: string, router: string, hosts: readonly string[], speaks: boolean): void => {
    const network = lan(owner);
    const routerAddress = nodes.attach(router, network, 2);
    hosts.forEach((host, i) => {
      const address = nodes.attach(host, network, FIRST_HOST + i);
      defaults.set(host, routerAddress);
      if (speaks) {
        sessions.push({
          network: network.key,
          a: { node: router, address: routerAddress, asn: nodes.asn(router)! },
          b: { node: host, address, asn: nodes.asn(host)! },
        });
      }
    });
  };
  for (const pop of topology.pops) {
    attachLan(pop.name, pop.name, Array.from({ length: pop.servers }, (_, i) => edgeServerName(pop.name, i + 1)), true);
  }
  for (const client of topology.clients) {
    attachLan(client.name, client.name, Array.from({ length: client.probes }, (_, i) => probeName(client.name, i + 1)), false);
  }
  for (const botnet of topology.botnets) {
    attachLan(botnet.name, botnet.client, Array.from({ length: botnet.bots }, (_, i) => botName(botnet.name, i + 1)), false);
  }
  const originLink = links.find((n) => n.key === topology.links.find((l) => l.b === topology.origin.name)?.name);
  if (!originLink) throw new Error(`plan: origin ${topology.origin.name} has no upstream link`);
  const originCidr = parseCidr(originLink.subnet)!;
  defaults.set(topology.origin.name, hostAddress(originCidr, 2));

  const planned = nodes.list().map((node) => {
    const via = defaults.get(node.name);
    return via === undefined ? node : { ...node, defaultVia: via };
  });
  return {
    topology,
    lab: topology.lab,
    networks: [mgmt, ...links, ...lans.values()],
    nodes: planned,
    sessions,
    anycast: topology.addressing.anycast,
    service: topology.addressing.service,
    originUrl: `http://${hostAddress(originCidr, 3)}:80`,
  };
}

export function findNode(plan: AddressPlan, name: string): PlannedNode {
  const node = plan.nodes.find((n) => n.name === name);
  if (!node) throw new AnycastLabError('USAGE', `lab ${plan.lab} has no node "${name}" (nodes: ${plan.nodes.map((n) => n.name).join(', ')})`);
  return node;
}

/** The address a node has on a given network. */
export function addressOn(node: PlannedNode, network: string): string | undefined {
  return node.interfaces.find((i) => i.network === network)?.address;
}
