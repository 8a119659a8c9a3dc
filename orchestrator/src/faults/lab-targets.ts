import { edgeAdminUrl, type EdgeAdminPath } from '../../../contracts/edge-admin.ts';
import { AnycastLabError } from '../errors.ts';
import { linkName } from '../model/types.ts';
import type { AddressPlan, PlannedNode } from '../plan/types.ts';
import { didYouMean } from '../input/suggest.ts';
import type { LinkRef, SessionRef } from './fault-target.ts';

/** What fault targets mean in a lab: its nodes, the two ends of a link, the two ends of a session. */

function unknown(what: string, name: string, known: readonly string[]): AnycastLabError {
  return new AnycastLabError('USAGE', `lab has no ${what} "${name}"${didYouMean(name, known)}; it has: ${known.join(', ') || 'none'}`);
}

function nodeNamed(plan: AddressPlan, name: string, what: string, candidates: readonly PlannedNode[]): PlannedNode {
  const node = candidates.find((n) => n.name === name);
  if (!node) throw unknown(what, name, candidates.map((n) => n.name));
  return node;
}

export interface PopNodes {
  readonly router: PlannedNode;
  readonly servers: readonly PlannedNode[];
}

export function popNodes(plan: AddressPlan, pop: string): PopNodes {
  const router = nodeNamed(plan, pop, 'PoP', plan.nodes.filter((n) => n.role === 'pop-router'));
  return { router, servers: plan.nodes.filter((n) => n.role === 'edge' && n.group === pop) };
}

/** An edge server named `<pop>/<server>` (as scenarios write it) or by its node name. */
export function serverNode(plan: AddressPlan, name: string): PlannedNode {
  const servers = plan.nodes.filter((n) => n.role === 'edge');
  const node = servers.find((n) => n.name === name || `${n.group}/${n.server}` === name);
  if (!node) throw unknown('edge server', name, servers.map((n) => `${n.group}/${n.server}`));
  return node;
}

/** A BGP speaker; edge servers may also be named `<pop>/<server>`. */
export function routerNode(plan: AddressPlan, name: string): PlannedNode {
  if (name.includes('/')) return serverNode(plan, name);
  return nodeNamed(plan, name, 'router', plan.nodes.filter((n) => n.asn !== undefined));
}

/** The node's data-plane addresses (management excluded). */
export function dataAddresses(node: PlannedNode): string[] {
  return node.interfaces.map((i) => i.address);
}

export interface LinkEnd {
  readonly node: PlannedNode;
  readonly address: string;
}

/** The two ends of a link, in the order the reference names them (either way round matches). */
export function linkEnds(plan: AddressPlan, link: LinkRef): { readonly network: string; readonly ends: readonly [LinkEnd, LinkEnd] } {
  const names = plan.topology.links.map((l) => l.name);
  const network = [linkName(link.a, link.b), linkName(link.b, link.a)].find((n) => names.includes(n));
  if (!network) throw unknown('link', linkName(link.a, link.b), names);
  const end = (name: string): LinkEnd => {
    const node = plan.nodes.find((n) => n.name === name)!;
    return { node, address: node.interfaces.find((i) => i.network === network)!.address };
  };
  return { network, ends: [end(link.a), end(link.b)] };
}

export interface SessionEnd {
  readonly node: PlannedNode;
  /** This end's address on the session's network. */
  readonly address: string;
}

/** The session between two routers, seen from `router`: its end first, the peer's second. */
export function sessionEnds(plan: AddressPlan, session: SessionRef): readonly [SessionEnd, SessionEnd] {
  const router = routerNode(plan, session.router);
  const peer = routerNode(plan, session.peer);
  const found = plan.sessions.find((s) => (s.a.node === router.name && s.b.node === peer.name) || (s.b.node === router.name && s.a.node === peer.name));
  if (!found) {
    const peers = neighbours(plan, router.name).map((n) => n.node);
    throw new AnycastLabError('USAGE', `${router.name} has no BGP session with ${peer.name}; its neighbours: ${peers.join(', ') || 'none'}`);
  }
  const [mine, theirs] = found.a.node === router.name ? [found.a, found.b] : [found.b, found.a];
  return [
    { node: router, address: mine.address },
    { node: peer, address: theirs.address },
  ];
}

/** The router's BGP neighbours: their node names and addresses. */
export function neighbours(plan: AddressPlan, node: string): { readonly node: string; readonly address: string }[] {
  return plan.sessions.flatMap((s) => (s.a.node === node ? [s.b] : s.b.node === node ? [s.a] : [])).map((e) => ({ node: e.node, address: e.address }));
}

export function adminUrl(node: PlannedNode, path: EdgeAdminPath): string {
  return edgeAdminUrl(node.mgmtAddress, path);
}

/** Whether two references name the same link of the lab (either way round). */
export function sameLink(plan: AddressPlan, x: LinkRef, y: LinkRef): boolean {
  return linkEnds(plan, x).network === linkEnds(plan, y).network;
}

/** Whether two references name the same BGP session (from either end). */
export function sameSession(plan: AddressPlan, x: SessionRef, y: SessionRef): boolean {
  const ends = (s: SessionRef) => [routerNode(plan, s.router).name, routerNode(plan, s.peer).name].sort().join(' ');
  return ends(x) === ends(y);
}
