import { edgeServerName } from '../model/generated-names.ts';
import type { Topology } from '../model/types.ts';

/**
 * The topology as a plain graph: what `graph` prints and the dashboard draws. Built from the
 * intent model alone (no addresses, no Docker), so it is the same whether a lab is up or not.
 */

export type GraphNodeKind = 'transit' | 'pop' | 'server' | 'client' | 'origin' | 'botnet';

export interface GraphNode {
  readonly id: string;
  readonly kind: GraphNodeKind;
  /** What is shown under the name: ASN, region, server or bot count. */
  readonly detail: string;
}

export type GraphLinkKind = 'peering' | 'upstream' | 'lan';

export interface GraphLink {
  readonly a: string;
  readonly b: string;
  readonly kind: GraphLinkKind;
  /** Impairments asked for on the link, in words (`20ms delay, 1% loss`); empty when none. */
  readonly impairment: string;
}

/** Where a client network's traffic lands, with a shortest path to it through the graph. */
export interface GraphCatchment {
  readonly client: string;
  /** The PoP that answered its probes, or null when none did. */
  readonly pop: string | null;
  /** Node ids from the client to the PoP (empty when there is no PoP or no path). */
  readonly path: readonly string[];
}

export interface TopologyGraph {
  readonly lab: string;
  readonly nodes: readonly GraphNode[];
  readonly links: readonly GraphLink[];
  readonly catchment: readonly GraphCatchment[];
}

function describeImpairment(link: Topology['links'][number]): string {
  const i = link.impairment;
  return [
    i.delayMs !== undefined ? `${i.delayMs}ms delay` : '',
    i.jitterMs !== undefined ? `${i.jitterMs}ms jitter` : '',
    i.lossPercent !== undefined ? `${i.lossPercent}% loss` : '',
    i.rateKbit !== undefined ? `${i.rateKbit}kbit/s` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

const region = (r: string | undefined): string => (r ? `, ${r}` : '');

export function buildTopologyGraph(topology: Topology): TopologyGraph {
  const transits = new Set(topology.transits.map((t) => t.name));
  const nodes: GraphNode[] = [
    ...topology.transits.map((t): GraphNode => ({ id: t.name, kind: 'transit', detail: `AS${t.asn}${region(t.region)}` })),
    ...topology.pops.map((p): GraphNode => ({ id: p.name, kind: 'pop', detail: `AS${p.asn}, ${p.servers} servers${region(p.region)}` })),
    ...topology.pops.flatMap((p) =>
      Array.from({ length: p.servers }, (_, i): GraphNode => ({ id: edgeServerName(p.name, i + 1), kind: 'server', detail: `AS${topology.serverAsn}` })),
    ),
    ...topology.clients.map((c): GraphNode => ({ id: c.name, kind: 'client', detail: `AS${c.asn}, ${c.probes} probes${region(c.region)}` })),
    { id: topology.origin.name, kind: 'origin', detail: 'origin server' },
    ...topology.botnets.map((b): GraphNode => ({ id: b.name, kind: 'botnet', detail: `${b.bots} bots x ${b.sources} sources` })),
  ];
  const links: GraphLink[] = [
    ...topology.links.map((l): GraphLink => ({
      a: l.a,
      b: l.b,
      kind: transits.has(l.a) && transits.has(l.b) ? 'peering' : 'upstream',
      impairment: describeImpairment(l),
    })),
    ...topology.pops.flatMap((p) =>
      Array.from({ length: p.servers }, (_, i): GraphLink => ({ a: p.name, b: edgeServerName(p.name, i + 1), kind: 'lan', impairment: '' })),
    ),
    ...topology.botnets.map((b): GraphLink => ({ a: b.client, b: b.name, kind: 'lan', impairment: '' })),
  ];
  return { lab: topology.lab, nodes, links, catchment: [] };
}

/** A shortest path from `from` to `to` over the links, first links first (deterministic). */
export function shortestPath(graph: Pick<TopologyGraph, 'links'>, from: string, to: string): string[] {
  const neighbours = new Map<string, string[]>();
  for (const l of graph.links) {
    neighbours.set(l.a, [...(neighbours.get(l.a) ?? []), l.b]);
    neighbours.set(l.b, [...(neighbours.get(l.b) ?? []), l.a]);
  }
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const here = queue.shift()!;
    if (here === to) break;
    for (const next of neighbours.get(here) ?? []) {
      if (previous.has(next)) continue;
      previous.set(next, here);
      queue.push(next);
    }
  }
  if (!previous.has(to)) return [];
  const path = [to];
  while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
  return path;
}

/**
 * Overlays where each client network landed (client -> PoP, as its probes saw it). The path is a
 * shortest one through the graph to that PoP: BGP's own choice is what `explain` shows.
 */
export function withCatchment(graph: TopologyGraph, landings: readonly { client: string; pop: string | null }[]): TopologyGraph {
  const clients = new Set(graph.nodes.filter((n) => n.kind === 'client').map((n) => n.id));
  const byClient = new Map<string, string | null>();
  for (const l of landings) if (clients.has(l.client) && (l.pop !== null || !byClient.has(l.client))) byClient.set(l.client, l.pop);
  const catchment = [...byClient].map(([client, pop]) => ({ client, pop, path: pop ? shortestPath(graph, client, pop) : [] }));
  return { ...graph, catchment: catchment.sort((a, b) => a.client.localeCompare(b.client)) };
}

/** The JSON `graph --format json` prints. */
export function renderGraphJson(graph: TopologyGraph): string {
  return `${JSON.stringify(graph, null, 2)}\n`;
}
