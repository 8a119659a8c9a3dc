import { createHash } from 'node:crypto';
import { HOST_SETUP_NODE } from '../model/generated-names.ts';
import { addressOn, lanKey } from '../plan/addressing.ts';
import type { AddressPlan, NodeRole, PlannedNode } from '../plan/types.ts';
import { renderDaemons, renderFrrConfig } from './frr.ts';

/**
 * What the runtime creates, as data: Docker networks and containers with every label, address,
 * capability, sysctl and environment variable. Both the Docker runtime and the compose renderer
 * read this, so `anycast-lab up` and `docker compose up` make the same lab.
 */

export const LABEL = {
  lab: 'anycast-lab.lab',
  node: 'anycast-lab.node',
  role: 'anycast-lab.role',
  /** The PoP, client network or botnet a node belongs to. */
  group: 'anycast-lab.group',
  network: 'anycast-lab.network',
  specHash: 'anycast-lab.spec-hash',
} as const;

export const IMAGE_NAMES = ['router', 'edge', 'client', 'origin'] as const;
export type ImageName = (typeof IMAGE_NAMES)[number];

export const IMAGE_REPOSITORY = 'anycast-lab';
export const IMAGE_TAG = '0.1';

export function imageRef(image: ImageName): string {
  return `${IMAGE_REPOSITORY}/${image}:${IMAGE_TAG}`;
}

const IMAGE_OF_ROLE: Record<NodeRole, ImageName> = {
  transit: 'router',
  'pop-router': 'router',
  'access-router': 'router',
  edge: 'edge',
  probe: 'client',
  bot: 'client',
  origin: 'origin',
};

export const PORTS = { http: 80, h2c: 8080, edgeAdmin: 9180, agent: 9100 } as const;

export interface NetworkSpec {
  readonly name: string;
  readonly key: string;
  /** Host bridge device, named so that host-side rules can be written before the network exists. */
  readonly bridge: string;
  readonly subnet: string;
  readonly gateway: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ContainerSpec {
  readonly name: string;
  readonly node: string;
  readonly role: NodeRole;
  readonly hostname: string;
  readonly image: ImageName;
  readonly labels: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly capAdd: readonly string[];
  readonly sysctls: Readonly<Record<string, string>>;
  /** Management network first, then the data-plane networks. */
  readonly networks: readonly { readonly network: string; readonly address: string }[];
}

/** A one-shot container in the host's network namespace (see images/common/lab-bridges). */
export interface HostSetupSpec {
  readonly name: string;
  readonly image: ImageName;
  readonly labels: Readonly<Record<string, string>>;
  readonly capAdd: readonly string[];
  readonly entrypoint: readonly string[];
  readonly command: readonly string[];
}

export interface LabSpec {
  readonly lab: string;
  readonly networks: readonly NetworkSpec[];
  readonly containers: readonly ContainerSpec[];
  /** Lets a lab's links carry transit traffic despite Docker's internal-network isolation. */
  readonly hostSetup: HostSetupSpec;
}

export function containerName(lab: string, node: string): string {
  return `${lab}-${node}`;
}

export function networkName(lab: string, key: string): string {
  return `${lab}-${key}`;
}

/** `al` + 12 hex digits of the network's name: unique, stable, within the 15-character limit. */
export function bridgeName(network: string): string {
  return `al${createHash('sha256').update(network).digest('hex').slice(0, 12)}`;
}

export const HOST_SETUP_ROLE = 'host-setup';

export function hostSetupSpec(name: string, labels: Readonly<Record<string, string>>, command: readonly string[]): HostSetupSpec {
  return {
    name,
    image: 'router',
    labels: { ...labels, [LABEL.role]: HOST_SETUP_ROLE },
    capAdd: ['NET_ADMIN', 'NET_RAW'],
    entrypoint: ['/usr/local/bin/lab-bridges'],
    command,
  };
}

/**
 * The lab-bridges command that opens (`accept`) the lab's bridges, or closes (`remove`) them: every
 * rule carries the comment `anycast-lab:<lab>`, so `remove` finds them by the lab's name alone.
 */
export function hostSetupCommand(lab: string, bridges: readonly string[], action: 'accept' | 'remove'): string[] {
  return [action, lab, ...bridges];
}

const ROUTER_SYSCTLS = {
  'net.ipv4.ip_forward': '1',
  'net.ipv4.conf.all.rp_filter': '0',
  'net.ipv4.conf.default.rp_filter': '0',
};

function sysctlsFor(role: NodeRole): Record<string, string> {
  const base = { 'net.ipv6.conf.all.disable_ipv6': '1' };
  switch (role) {
    case 'pop-router':
      // ECMP across the PoP's servers hashes on the L4 5-tuple, so each connection sticks to one server.
      return { ...base, ...ROUTER_SYSCTLS, 'net.ipv4.fib_multipath_hash_policy': '1' };
    case 'transit':
    case 'access-router':
      return { ...base, ...ROUTER_SYSCTLS };
    default:
      return base;
  }
}

function capabilitiesFor(role: NodeRole): string[] {
  // FRR needs NET_ADMIN (routes), NET_RAW (BFD, ping) and SYS_ADMIN (namespaces in zebra); never --privileged.
  return IMAGE_OF_ROLE[role] === 'router' || role === 'edge' ? ['NET_ADMIN', 'NET_RAW', 'SYS_ADMIN'] : ['NET_ADMIN', 'NET_RAW'];
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

function roleEnv(plan: AddressPlan, node: PlannedNode): Record<string, string> {
  switch (node.role) {
    case 'transit':
    case 'pop-router':
    case 'access-router':
      return { FRR_CONF: renderFrrConfig(plan, node), FRR_DAEMONS: renderDaemons(plan) };
    case 'edge': {
      const parents = parentUrls(plan, node);
      return {
        FRR_CONF: renderFrrConfig(plan, node),
        FRR_DAEMONS: renderDaemons(plan),
        EDGE_POP: node.group!,
        EDGE_SERVER: node.server!,
        EDGE_SERVICE_ADDR: plan.service,
        EDGE_LAN_ADDR: addressOn(node, lanKey(node.group!))!,
        EDGE_SERVER_ASN: String(node.asn),
        EDGE_ORIGIN_URL: plan.originUrl,
        EDGE_HTTP_PORT: String(PORTS.http),
        EDGE_H2C_PORT: String(PORTS.h2c),
        EDGE_ADMIN_PORT: String(PORTS.edgeAdmin),
        EDGE_KERNEL_FILTER: 'iptables',
        ...(parents ? { EDGE_PARENT_URLS: parents } : {}),
      };
    }
    case 'probe':
      return { CLIENT_NETWORK: node.group!, AGENT_PORT: String(PORTS.agent) };
    case 'bot': {
      const botnet = plan.topology.botnets.find((b) => b.name === node.group)!;
      return {
        CLIENT_NETWORK: botnet.client,
        AGENT_PORT: String(PORTS.agent),
        BOT_SOURCES: node.extraAddresses.map((a) => a.split('/')[0]).join(','),
      };
    }
    case 'origin':
      return { ORIGIN_PORT: String(PORTS.http) };
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

function nodeEnv(plan: AddressPlan, node: PlannedNode): Record<string, string> {
  const env: Record<string, string> = {
    LAB_NAME: plan.lab,
    LAB_NODE: node.name,
    LAB_ROLE: node.role,
    LAB_MGMT_ADDR: node.mgmtAddress,
    LAB_SERVICE_ADDR: plan.service,
  };
  if (node.defaultVia) env.LAB_DEFAULT_VIA = node.defaultVia;
  if (node.loopbacks.length > 0) env.LAB_LOOPBACK = node.loopbacks.join(',');
  if (node.extraAddresses.length > 0) env.LAB_EXTRA_ADDRS = node.extraAddresses.join(',');
  const impairments = impairmentEntries(plan, node);
  if (impairments) env.LAB_IMPAIRMENTS = impairments;
  return { ...env, ...roleEnv(plan, node) };
}

function specHash(spec: Omit<ContainerSpec, 'labels'>, labels: Record<string, string>): string {
  return createHash('sha256').update(JSON.stringify({ ...spec, labels })).digest('hex').slice(0, 16);
}

function containerSpec(plan: AddressPlan, node: PlannedNode): ContainerSpec {
  const mgmt = plan.networks.find((n) => n.kind === 'mgmt')!;
  const base = {
    name: containerName(plan.lab, node.name),
    node: node.name,
    role: node.role,
    hostname: node.name,
    image: IMAGE_OF_ROLE[node.role],
    env: nodeEnv(plan, node),
    capAdd: capabilitiesFor(node.role),
    sysctls: sysctlsFor(node.role),
    networks: [
      { network: networkName(plan.lab, mgmt.key), address: node.mgmtAddress },
      ...node.interfaces.map((i) => ({ network: networkName(plan.lab, i.network), address: i.address })),
    ],
  };
  const labels: Record<string, string> = { [LABEL.lab]: plan.lab, [LABEL.node]: node.name, [LABEL.role]: node.role };
  if (node.group) labels[LABEL.group] = node.group;
  return { ...base, labels: { ...labels, [LABEL.specHash]: specHash(base, labels) } };
}

export function renderLabSpec(plan: AddressPlan): LabSpec {
  const networks = plan.networks.map((n) => ({
    name: networkName(plan.lab, n.key),
    key: n.key,
    bridge: bridgeName(networkName(plan.lab, n.key)),
    subnet: n.subnet,
    gateway: n.gateway,
    labels: { [LABEL.lab]: plan.lab, [LABEL.network]: n.key },
  }));
  return {
    lab: plan.lab,
    networks,
    containers: plan.nodes.map((node) => containerSpec(plan, node)),
    hostSetup: hostSetupSpec(containerName(plan.lab, HOST_SETUP_NODE), { [LABEL.lab]: plan.lab, [LABEL.node]: HOST_SETUP_NODE }, hostSetupCommand(plan.lab, networks.map((n) => n.bridge), 'accept')),
  };
}
