import type { GraphNodeKind, TopologyGraph } from './topology-graph.ts';

/**
 * A small deterministic layered layout (no library, same input same picture): botnets, then
 * client networks and the origin, then transits, then PoPs, then their servers, top to bottom;
 * inside a layer, each node sits near the average position of its neighbours in the transit layer
 * (or, for botnets and servers, of the node they hang off).
 */

export interface PlacedNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, PlacedNode>;
}

const LAYER: Record<GraphNodeKind, number> = { botnet: 0, client: 1, origin: 1, transit: 2, pop: 3, server: 4 };
export const NODE_WIDTH = 120;
export const NODE_HEIGHT = 44;
const GAP_X = 30;
const GAP_Y = 70;
const MARGIN = 20;

export function layoutGraph(graph: TopologyGraph): Layout {
  const neighbours = new Map<string, string[]>();
  for (const l of graph.links) {
    neighbours.set(l.a, [...(neighbours.get(l.a) ?? []), l.b]);
    neighbours.set(l.b, [...(neighbours.get(l.b) ?? []), l.a]);
  }
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const rank = new Map<string, number>();
  graph.nodes.filter((n) => n.kind === 'transit').forEach((n, i) => rank.set(n.id, i));
  const anchorKinds = (kind: GraphNodeKind): GraphNodeKind[] => (kind === 'botnet' ? ['client'] : kind === 'server' ? ['pop'] : ['transit']);
  const order = [2, 1, 3, 0, 4];
  const layers = new Map<number, string[]>();
  for (const layer of order) {
    const members = graph.nodes.filter((n) => LAYER[n.kind] === layer);
    const score = members.map((n, i) => {
      const anchors = (neighbours.get(n.id) ?? []).filter((m) => anchorKinds(n.kind).includes(kindOf.get(m)!) && rank.has(m));
      const mean = anchors.length > 0 ? anchors.reduce((s, m) => s + rank.get(m)!, 0) / anchors.length : Number.POSITIVE_INFINITY;
      return { id: n.id, mean, i };
    });
    if (layer !== 2) score.sort((a, b) => a.mean - b.mean || a.i - b.i);
    const ids = score.map((s) => s.id);
    ids.forEach((id, i) => rank.set(id, i));
    layers.set(layer, ids);
  }
  const widest = Math.max(1, ...[...layers.values()].map((ids) => ids.length));
  const width = MARGIN * 2 + widest * NODE_WIDTH + (widest - 1) * GAP_X;
  const used = [0, 1, 2, 3, 4].filter((l) => (layers.get(l) ?? []).length > 0);
  const nodes = new Map<string, PlacedNode>();
  used.forEach((layer, row) => {
    const ids = layers.get(layer)!;
    const span = ids.length * NODE_WIDTH + (ids.length - 1) * GAP_X;
    const left = (width - span) / 2;
    ids.forEach((id, i) => nodes.set(id, { id, x: left + i * (NODE_WIDTH + GAP_X) + NODE_WIDTH / 2, y: MARGIN + row * (NODE_HEIGHT + GAP_Y) + NODE_HEIGHT / 2 }));
  });
  const height = MARGIN * 2 + used.length * NODE_HEIGHT + Math.max(0, used.length - 1) * GAP_Y;
  return { width, height, nodes };
}
