import test from 'ava';
import { renderGraphSvg } from '../../../orchestrator/src/graph/render-graph-svg.ts';
import { renderDot, renderMermaid } from '../../../orchestrator/src/graph/render-text-graphs.ts';
import { buildTopologyGraph, renderGraphJson, shortestPath, withCatchment, type TopologyGraph } from '../../../orchestrator/src/graph/topology-graph.ts';
import { loadTopology } from '../../../orchestrator/src/model/topology.ts';
import { assertGolden } from '../../helpers/golden.ts';
import { ROOT } from '../../helpers/topologies.ts';

const load = async (name: string): Promise<TopologyGraph> => buildTopologyGraph(await loadTopology(`${ROOT}topology/${name}.yaml`));

test('mini: every transit, PoP, server, client network, origin and botnet is a node, every link a link', async (t) => {
  const graph = await load('mini');
  const kinds = Object.fromEntries(graph.nodes.map((n) => [n.id, n.kind]));
  t.deepEqual(kinds, {
    't-west': 'transit', 't-east': 'transit', west: 'pop', east: 'pop',
    'west-edge-1': 'server', 'west-edge-2': 'server', 'east-edge-1': 'server', 'east-edge-2': 'server',
    'users-west': 'client', 'users-east': 'client', origin: 'origin', 'bots-west': 'botnet', 'bots-east': 'botnet',
  });
  const links = graph.links.map((l) => `${l.a}--${l.b}:${l.kind}`);
  t.true(links.includes('t-west--t-east:peering'));
  t.true(links.includes('t-west--west:upstream'));
  t.true(links.includes('west--west-edge-2:lan'));
  t.true(links.includes('users-west--bots-west:lan'));
  t.is(graph.links.find((l) => l.kind === 'peering')?.impairment, '20ms delay');
  const ids = new Set(graph.nodes.map((n) => n.id));
  for (const l of graph.links) t.true(ids.has(l.a) && ids.has(l.b), `${l.a}--${l.b} joins known nodes`);
});

test('catchment: a shortest path from the client to its PoP; unknown clients are ignored', async (t) => {
  const graph = withCatchment(await load('world'), [
    { client: 'users-latam', pop: 'frankfurt' },
    { client: 'users-asia', pop: null },
    { client: 'nobody', pop: 'tokyo' },
  ]);
  t.deepEqual(graph.catchment, [
    { client: 'users-asia', pop: null, path: [] },
    { client: 'users-latam', pop: 'frankfurt', path: ['users-latam', 't-latam', 't-useast', 't-europe', 'frankfurt'] },
  ]);
  t.deepEqual(shortestPath(graph, 'users-asia', 'missing'), []);
});

test('svg: one group per node with its kind, one line per link, catchment polylines in the PoP colour', async (t) => {
  const graph = withCatchment(await load('world'), [{ client: 'users-asia', pop: 'tokyo' }, { client: 'users-europe', pop: 'tokyo' }]);
  const svg = renderGraphSvg(graph);
  t.regex(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const n of graph.nodes) t.true(svg.includes(`data-id="${n.id}" data-kind="${n.kind}"`), n.id);
  t.is(svg.match(/<path class="link"/g)?.length, graph.links.length);
  const polylines = [...svg.matchAll(/<polyline class="catchment" data-client="([^"]+)" data-pop="tokyo" points="[^"]+" fill="none" stroke="(#[0-9a-f]+)"/g)];
  t.deepEqual(polylines.map((m) => m[1]), ['users-asia', 'users-europe']);
  t.is(polylines[0]![2], polylines[1]![2]);
  const coordinates = [...svg.matchAll(/<rect x="([\d.-]+)" y="([\d.-]+)"/g)].map((m) => `${m[1]},${m[2]}`);
  t.is(new Set(coordinates).size, graph.nodes.length, 'no two nodes share a place');
});

test('mermaid and dot name every node and link; the catchment is a dashed edge', async (t) => {
  const graph = withCatchment(await load('mini'), [{ client: 'users-west', pop: 'east' }]);
  const mermaid = renderMermaid(graph);
  t.regex(mermaid, /^graph TD$/m);
  t.regex(mermaid, /users_west -\. "lands on east" \.-> east/);
  const dot = renderDot(graph);
  t.regex(dot, /"users-west" -- "east" \[style=dashed/);
  for (const l of graph.links) t.true(dot.includes(`"${l.a}" -- "${l.b}"`), `${l.a}--${l.b}`);
});

for (const name of ['mini', 'world']) {
  test(`golden: ${name} as mermaid, dot, json and svg`, async (t) => {
    const graph = await load(name);
    const json = JSON.parse(renderGraphJson(graph)) as TopologyGraph;
    t.true(json.nodes.every((n) => typeof n.id === 'string' && typeof n.kind === 'string'));
    assertGolden(t, `${ROOT}tests/fixtures/golden/${name}/graph.mmd`, renderMermaid(graph));
    assertGolden(t, `${ROOT}tests/fixtures/golden/${name}/graph.dot`, renderDot(graph));
    assertGolden(t, `${ROOT}tests/fixtures/golden/${name}/graph.json`, renderGraphJson(graph));
    assertGolden(t, `${ROOT}tests/fixtures/golden/${name}/graph.svg`, renderGraphSvg(graph));
  });
}
