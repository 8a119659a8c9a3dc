import { writeFile } from 'node:fs/promises';
import { renderGraphSvg } from '../../graph/render-graph-svg.ts';
import { renderDot, renderMermaid } from '../../graph/render-text-graphs.ts';
import { buildTopologyGraph, renderGraphJson, withCatchment, type TopologyGraph } from '../../graph/topology-graph.ts';
import { readLabStatus } from '../../lab/status.ts';
import { loadTopology } from '../../model/topology.ts';
import { usageError } from '../args.ts';
import { defineCommand } from '../command.ts';
import { connectRuntime, DEFAULT_TOPOLOGY } from '../context.ts';

export const GRAPH_FORMATS = {
  mermaid: renderMermaid,
  dot: renderDot,
  json: renderGraphJson,
  svg: renderGraphSvg,
} as const satisfies Record<string, (graph: TopologyGraph) => string>;

type GraphFormat = keyof typeof GRAPH_FORMATS;

const isFormat = (f: string): f is GraphFormat => Object.hasOwn(GRAPH_FORMATS, f);

export const graphCommand = defineCommand({
  name: 'graph',
  summary: 'draw a topology as Mermaid, Graphviz dot, JSON or SVG, with the catchment of a running lab if asked',
  usage: `[TOPOLOGY] [flags]`,
  flags: {
    format: { type: 'string', value: 'FORMAT', help: 'mermaid, dot, json or svg (default mermaid)' },
    out: { type: 'string', value: 'FILE', help: 'write the drawing to FILE instead of standard output' },
    lab: { type: 'string', value: 'LAB', help: 'overlay the catchment of this running lab (asks its probes); without it the graph is drawn offline' },
  },
  details: `TOPOLOGY defaults to ${DEFAULT_TOPOLOGY}. Offline (no Docker) unless --lab is given.
Nodes: transits, PoPs and their edge servers, client networks, the origin, botnets; links carry
their impairments. With --lab each client network's catchment is drawn in its PoP's colour along
a shortest path through the graph (the path BGP chose is what \`anycast-lab explain CLIENT\` shows).
JSON: { lab, nodes: [{ id, kind, detail }], links: [{ a, b, kind, impairment }], catchment: [{ client, pop, path }] }.`,
  async run({ values, positionals }) {
    if (positionals.length > 1) throw usageError('graph', 'name one topology file');
    const format = values.format ?? 'mermaid';
    if (!isFormat(format)) throw usageError('graph', `--format ${format.slice(0, 20)}: expected one of ${Object.keys(GRAPH_FORMATS).join(', ')}`);
    const topology = await loadTopology(positionals[0] ?? DEFAULT_TOPOLOGY);
    let graph = buildTopologyGraph(topology);
    if (values.lab !== undefined) {
      const status = await readLabStatus(await connectRuntime(), values.lab);
      graph = withCatchment(graph, status.catchment.map((c) => ({ client: c.client, pop: c.pop ?? null })));
    }
    const text = GRAPH_FORMATS[format](graph);
    if (values.out) await writeFile(values.out, text);
    else process.stdout.write(text);
    return 0;
  },
});
