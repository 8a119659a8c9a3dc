import type { AddressPlan, BgpEndpoint, PlannedNode } from './types.ts';

/**
 * The names in the lab's BGP policy that more than the renderer needs: the faults that change a
 * PoP's announcements (pop-withdraw, pop-prepend) attach to and detach from them.
 */
export const BGP_POLICY = {
  /** AS-path list matching what a stub router originates itself (`^$`). */
  ownAsPath: 'OWN',
  /** Out towards a stub router's upstreams: only what it originates. */
  ownOnly: 'OWN-ONLY',
} as const;

/** The transits a stub router (PoP or access router) has sessions with, as its neighbours. */
export function upstreamsOf(plan: AddressPlan, node: PlannedNode): BgpEndpoint[] {
  if (node.role !== 'pop-router' && node.role !== 'access-router') return [];
  const transits = new Set(plan.nodes.filter((n) => n.role === 'transit').map((n) => n.name));
  return plan.sessions.flatMap((s) => {
    if (s.a.node === node.name && transits.has(s.b.node)) return [s.b];
    if (s.b.node === node.name && transits.has(s.a.node)) return [s.a];
    return [];
  });
}
