/**
 * What carries each link's impairments (docs/wire.md), from the plan alone or with the kernel's
 * features: the kernel's netem, or the wire (a userspace relay between TUN devices at the two
 * ends). Pure; the one place the rule is written, for rendering, fault planning and status.
 */
import { PORTS } from '../../../contracts/ports.ts';
import type { LinkMechanism } from '../model/types.ts';
import type { AddressPlan, PlannedInterface, PlannedNetwork, PlannedNode } from './types.ts';

/** What the kernel of the lab's machine can do (probed once: `lab-impair probe`). */
export interface KernelFeatures {
  readonly netem: boolean;
}

export const mechanismOf = (network: PlannedNetwork): LinkMechanism => network.mechanism ?? 'auto';

/**
 * A link the wire carries where the kernel has no netem (`auto`), or always (`wire`): rendered
 * into its ends' LAB_WIRES, and each container decides at its start (lab-init). `auto` puts only
 * links with delay or jitter on a wire: loss and rate work without netem.
 */
export function wireCandidate(network: PlannedNetwork): boolean {
  if (network.kind !== 'link') return false;
  const mechanism = mechanismOf(network);
  if (mechanism === 'wire') return true;
  return mechanism === 'auto' && Boolean(network.impairment.delayMs || network.impairment.jitterMs);
}

/** The node's interfaces on links the wire may carry, each with its network. */
export function wireCandidatesOf(plan: AddressPlan, node: PlannedNode): { readonly iface: PlannedInterface; readonly network: PlannedNetwork }[] {
  return node.interfaces.flatMap((iface) => {
    const network = plan.networks.find((n) => n.key === iface.network)!;
    return wireCandidate(network) ? [{ iface, network }] : [];
  });
}

/** On this kernel, the wire carries the link (so its delay can be set, live, without netem). */
export function carriedByWire(network: PlannedNetwork, kernel: KernelFeatures): boolean {
  return wireCandidate(network) && (mechanismOf(network) === 'wire' || !kernel.netem);
}

/** The carrier's UDP port for a link, the same at both ends and distinct for every link of the lab. */
export function wirePort(plan: AddressPlan, network: PlannedNetwork): number {
  return PORTS.wireBase + plan.networks.filter((n) => n.kind === 'link').findIndex((n) => n.key === network.key);
}
