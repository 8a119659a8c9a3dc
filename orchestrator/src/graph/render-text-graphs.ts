import type { GraphNodeKind, TopologyGraph } from './topology-graph.ts';

/** Mermaid and Graphviz text for a topology graph: pure, one line per node and link. */

const MERMAID_SHAPE: Record<GraphNodeKind, (id: string, label: string) => string> = {
  transit: (id, label) => `${id}(["${label}"])`,
  pop: (id, label) => `${id}[["${label}"]]`,
  server: (id, label) => `${id}["${label}"]`,
  client: (id, label) => `${id}[/"${label}"/]`,
  origin: (id, label) => `${id}[("${label}")]`,
  botnet: (id, label) => `${id}{{"${label}"}}`,
};

/** Mermaid ids cannot hold `-`; keep them readable and unique. */
const mermaidId = (id: string): string => id.replace(/[^A-Za-z0-9_]/g, '_');

/** No red: red means failed requests in the run report. */
const CATCHMENT_COLOURS = ['#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#bcbd22'];

/** The colour of the n-th PoP, the same in every renderer. */
export function popColour(pops: readonly string[], pop: string): string {
  const i = pops.indexOf(pop);
  return CATCHMENT_COLOURS[(i < 0 ? 0 : i) % CATCHMENT_COLOURS.length]!;
}

export const popsOf = (graph: TopologyGraph): string[] => graph.nodes.filter((n) => n.kind === 'pop').map((n) => n.id);

export function renderMermaid(graph: TopologyGraph): string {
  const lines = [`%% anycast-lab topology: lab ${graph.lab}`, 'graph TD'];
  for (const n of graph.nodes) lines.push(`  ${MERMAID_SHAPE[n.kind](mermaidId(n.id), `${n.id}<br/><small>${n.detail}</small>`)}`);
  for (const l of graph.links) lines.push(`  ${mermaidId(l.a)} ---${l.impairment ? `|"${l.impairment}"|` : ''} ${mermaidId(l.b)}`);
  const pops = popsOf(graph);
  let index = graph.links.length;
  for (const c of graph.catchment) {
    if (!c.pop) continue;
    lines.push(`  ${mermaidId(c.client)} -. "lands on ${c.pop}" .-> ${mermaidId(c.pop)}`);
    lines.push(`  linkStyle ${index} stroke:${popColour(pops, c.pop)},stroke-width:3px`);
    index += 1;
  }
  for (const kind of Object.keys(MERMAID_SHAPE) as GraphNodeKind[]) {
    const ids = graph.nodes.filter((n) => n.kind === kind).map((n) => mermaidId(n.id));
    if (ids.length > 0) lines.push(`  class ${ids.join(',')} ${kind}`);
  }
  return `${lines.join('\n')}\n`;
}

const DOT_SHAPE: Record<GraphNodeKind, string> = {
  transit: 'ellipse',
  pop: 'box3d',
  server: 'box',
  client: 'house',
  origin: 'cylinder',
  botnet: 'hexagon',
};

const quote = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;

export function renderDot(graph: TopologyGraph): string {
  const lines = [`graph ${quote(graph.lab)} {`, '  rankdir=TB;', '  node [fontname="Helvetica"];'];
  for (const n of graph.nodes) lines.push(`  ${quote(n.id)} [shape=${DOT_SHAPE[n.kind]}, label=${quote(n.id).slice(0, -1)}\\n${quote(n.detail).slice(1)}];`);
  for (const l of graph.links) lines.push(`  ${quote(l.a)} -- ${quote(l.b)}${l.impairment ? ` [label=${quote(l.impairment)}]` : ''};`);
  const pops = popsOf(graph);
  for (const c of graph.catchment) {
    if (!c.pop) continue;
    lines.push(`  ${quote(c.client)} -- ${quote(c.pop)} [style=dashed, penwidth=2, color=${quote(popColour(pops, c.pop))}, label=${quote(`lands on ${c.pop}`)}, constraint=false];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
