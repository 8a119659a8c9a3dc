import { createHash } from 'node:crypto';
import type { ImageName } from '../../../contracts/images.ts';
import { LABEL } from '../../../contracts/labels.ts';
import { wireCandidatesOf } from '../plan/link-carrier.ts';
import type { AddressPlan, NodeRole, PlannedNode } from '../plan/types.ts';
import type { ContainerSpec, RestartPolicy } from './lab-spec-types.ts';
import { nodeEnv } from './node-env.ts';
import { containerName, networkName } from './resource-names.ts';

/** One node's container: image, capabilities and sysctls by role, labels with a hash of the rest. */

const TUN_DEVICE = '/dev/net/tun';

const IMAGE_OF_ROLE: Record<NodeRole, ImageName> = {
  transit: 'router',
  'pop-router': 'router',
  'access-router': 'router',
  edge: 'edge',
  probe: 'client',
  bot: 'client',
  origin: 'origin',
};

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

/**
 * Services come back by themselves when their process dies, as a real service would under its
 * supervisor; a container the lab stops or kills on purpose (a crash fault) stays down, since
 * Docker never restarts a container it was told to stop or kill. Routers run no service process.
 */
function restartPolicyFor(role: NodeRole): RestartPolicy {
  return IMAGE_OF_ROLE[role] === 'router' ? 'no' : 'on-failure';
}

function specHash(spec: Omit<ContainerSpec, 'labels'>, labels: Readonly<Record<string, string>>): string {
  return createHash('sha256').update(JSON.stringify({ ...spec, labels })).digest('hex').slice(0, 16);
}

/** The spec with its labels, the spec-hash label among them (a hash of everything else). */
export function withSpecHash(base: Omit<ContainerSpec, 'labels'>, labels: Readonly<Record<string, string>>): ContainerSpec {
  return { ...base, labels: { ...labels, [LABEL.specHash]: specHash(base, labels) } };
}

/** The TUN device for nodes with a link the wire may carry (docs/wire.md). */
function devicesFor(plan: AddressPlan, node: PlannedNode): string[] {
  return wireCandidatesOf(plan, node).length > 0 ? [TUN_DEVICE] : [];
}

export function containerSpec(plan: AddressPlan, node: PlannedNode): ContainerSpec {
  const mgmt = plan.networks.find((n) => n.kind === 'mgmt')!;
  const base = {
    name: containerName(plan.lab, node.name),
    node: node.name,
    role: node.role,
    hostname: node.name,
    image: IMAGE_OF_ROLE[node.role],
    env: nodeEnv(plan, node),
    capAdd: capabilitiesFor(node.role),
    devices: devicesFor(plan, node),
    sysctls: sysctlsFor(node.role),
    restart: restartPolicyFor(node.role),
    networks: [
      { network: networkName(plan.lab, mgmt.key), address: node.mgmtAddress },
      ...node.interfaces.map((i) => ({ network: networkName(plan.lab, i.network), address: i.address })),
    ],
  };
  const labels: Record<string, string> = { [LABEL.lab]: plan.lab, [LABEL.node]: node.name, [LABEL.role]: node.role };
  if (node.group) labels[LABEL.group] = node.group;
  return withSpecHash(base, labels);
}
