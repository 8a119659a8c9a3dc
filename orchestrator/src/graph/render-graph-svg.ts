import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './layered-layout.ts';
import { popColour, popsOf } from './render-text-graphs.ts';
import type { GraphNodeKind, TopologyGraph } from './topology-graph.ts';

/** The topology as a standalone SVG: nodes by kind, links with their impairments, catchment paths in each PoP's colour. */

const FILL: Record<GraphNodeKind, string> = {
  transit: '#eef3fb',
  pop: '#fff4e0',
  server: '#fffaf0',
  client: '#eaf7ea',
  origin: '#f1ecf7',
  botnet: '#fbeaea',
};

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const r = (n: number): string => String(Math.round(n * 10) / 10);

export function renderGraphSvg(graph: TopologyGraph): string {
  const layout = layoutGraph(graph);
  const at = (id: string) => layout.nodes.get(id)!;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${r(layout.width)} ${r(layout.height)}" width="${r(layout.width)}" height="${r(layout.height)}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img" aria-label="topology of lab ${escapeXml(graph.lab)}">`,
    `<title>anycast-lab topology: lab ${escapeXml(graph.lab)}</title>`,
  ];
  for (const l of graph.links) {
    const a = at(l.a);
    const b = at(l.b);
    // Links inside one layer (transit peerings) bow upwards, so they do not run through the nodes between.
    const bow = a.y === b.y ? 18 + Math.abs(b.x - a.x) * 0.18 : 0;
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2 - bow;
    const title = `<title>${escapeXml(`${l.a} -- ${l.b}${l.impairment ? `: ${l.impairment}` : ''}`)}</title>`;
    parts.push(`<path class="link" data-a="${escapeXml(l.a)}" data-b="${escapeXml(l.b)}" d="M${r(a.x)},${r(a.y)} Q${r(mx)},${r(my - bow)} ${r(b.x)},${r(b.y)}" fill="none" stroke="#888" stroke-width="1.5">${title}</path>`);
    if (l.impairment) parts.push(`<text x="${r(mx)}" y="${r(my - 4)}" text-anchor="middle" font-size="10" fill="#555">${escapeXml(l.impairment)}</text>`);
  }
  const pops = popsOf(graph);
  graph.catchment.forEach((c, i) => {
    if (!c.pop || c.path.length < 2) return;
    const offset = (i % 5) * 3 - 6;
    const points = c.path.map((id) => `${r(at(id).x + offset)},${r(at(id).y + offset)}`).join(' ');
    parts.push(`<polyline class="catchment" data-client="${escapeXml(c.client)}" data-pop="${escapeXml(c.pop)}" points="${points}" fill="none" stroke="${popColour(pops, c.pop)}" stroke-width="4" stroke-opacity="0.75" stroke-linejoin="round"><title>${escapeXml(`${c.client} lands on ${c.pop}`)}</title></polyline>`);
  });
  for (const n of graph.nodes) {
    const p = at(n.id);
    const x = p.x - NODE_WIDTH / 2;
    const y = p.y - NODE_HEIGHT / 2;
    const served = graph.catchment.find((c) => c.client === n.id);
    const stroke = n.kind === 'pop' ? popColour(pops, n.id) : served?.pop ? popColour(pops, served.pop) : '#444';
    const rx = n.kind === 'transit' ? NODE_HEIGHT / 2 : 4;
    parts.push(
      `<g class="node" data-id="${escapeXml(n.id)}" data-kind="${n.kind}">` +
        `<rect x="${r(x)}" y="${r(y)}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="${rx}" fill="${FILL[n.kind]}" stroke="${stroke}" stroke-width="${n.kind === 'pop' || served ? 2.5 : 1}"/>` +
        `<text x="${r(p.x)}" y="${r(p.y - 3)}" text-anchor="middle" font-weight="bold">${escapeXml(n.id)}</text>` +
        `<text x="${r(p.x)}" y="${r(p.y + 12)}" text-anchor="middle" font-size="9" fill="#555">${escapeXml(n.detail)}</text>` +
        `</g>`,
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
