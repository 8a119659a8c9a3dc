import test from 'ava';
import type { Snapshot } from '../../../orchestrator/src/dashboard/dashboard-api.ts';
import { attackRates, catchmentViews, linkViews, marksBetween, popLoads, sameSnapshot, type AttackCounts } from '../../../orchestrator/src/dashboard/dashboard-state.ts';
import { buildTopologyGraph } from '../../../orchestrator/src/graph/topology-graph.ts';
import { shippedTopology } from '../../helpers/topologies.ts';

const graph = buildTopologyGraph(await shippedTopology('mini'));
const clients = graph.nodes.filter((n) => n.kind === 'client').map((n) => n.id);

function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return { at_ms: 1000, catchment: [], links: [], down_nodes: [], pops: [], faults: [], attacks: [], prometheus_url: null, ...overrides };
}

test('catchment: the PoP most probes reached, with a path from the client to it; no answer is none', (t) => {
  const [a, b] = clients as [string, string];
  const views = catchmentViews(graph, [
    { client: a, pop: 'west' },
    { client: a, pop: 'east' },
    { client: a, pop: 'west' },
    { client: b, pop: null },
  ]);
  const first = views.find((v) => v.client === a)!;
  t.is(first.pop, 'west');
  t.is(first.answered, 3);
  t.is(first.probes, 3);
  t.is(first.path[0], a);
  t.is(first.path.at(-1), 'west');
  const second = views.find((v) => v.client === b)!;
  t.is(second.pop, null);
  t.deepEqual(second.path, []);
  t.is(views.length, clients.length, 'every client network, probed or not');
});

test('links: every session between the two ends counted; none Established is down, some is partial', (t) => {
  const link = graph.links.find((l) => l.kind === 'upstream')!;
  const up = linkViews(graph, [
    { router: link.a, peerName: link.b, state: 'Established' },
    { router: link.b, peerName: link.a, state: 'Established' },
  ]);
  t.deepEqual(up, [{ link: `${link.a}--${link.b}`, state: 'established', detail: '2/2 Established' }]);
  t.is(linkViews(graph, [{ router: link.a, peerName: link.b, state: 'Established' }, { router: link.b, peerName: link.a, state: 'Active' }])[0]!.state, 'partial');
  t.is(linkViews(graph, [{ router: link.b, peerName: link.a, state: 'Idle' }])[0]!.state, 'down');
  t.deepEqual(linkViews(graph, [{ router: 'nobody', peerName: 'else', state: 'Idle' }]), []);
});

test('pop loads: counter deltas over the time between readings; a restarted server gives no rate', (t) => {
  const before = [
    { atMs: 0, pop: 'west', server: 'west-edge-1', requests: 100, blocked: 0 },
    { atMs: 0, pop: 'east', server: 'east-edge-1', requests: 500, blocked: 10 },
  ];
  const after = [
    { atMs: 2000, pop: 'west', server: 'west-edge-1', requests: 300, blocked: 40 },
    { atMs: 2000, pop: 'east', server: 'east-edge-1', requests: 3, blocked: 0 },
    { atMs: 2000, pop: 'east', server: 'east-edge-2', requests: 50, blocked: 0 },
  ];
  t.deepEqual(popLoads(['west', 'east'], before, after, new Map([['east', 12.34]])), [
    { pop: 'west', rps: 100, blocked_rps: 20, attack_rps: 0 },
    { pop: 'east', rps: 0, blocked_rps: 0, attack_rps: 12.3 },
  ]);
});

test('attack rates: what each attack grew by per PoP, summed over attacks; a new attack counts from its second reading', (t) => {
  const before: AttackCounts[] = [{ atMs: 0, id: 'a1', byPop: { west: 100 } }];
  const after: AttackCounts[] = [
    { atMs: 2000, id: 'a1', byPop: { west: 300, east: 40 } },
    { atMs: 2000, id: 'a2', byPop: { west: 1000 } },
  ];
  t.deepEqual([...attackRates(before, after)].sort(), [['east', 20], ['west', 100]]);
  t.deepEqual([...attackRates([], after)], []);
});

test('marks: faults, reverts, attacks, nodes, BGP links and catchment moves with the time since the fault', (t) => {
  const before = snapshot({
    at_ms: 1000,
    catchment: [{ client: 'users-west', pop: 'west', answered: 1, probes: 1, path: [] }],
    links: [{ link: 't-west--west', state: 'established', detail: '2/2 Established' }],
  });
  const faulted = snapshot({
    at_ms: 2000,
    catchment: before.catchment,
    links: before.links,
    faults: [{ id: 'pop-crash-1', kind: 'pop-crash', target: 'west' }],
    attacks: [{ id: 'attack-1', kind: 'http-flood', from: ['bots-west'], state: 'running', sent: 0 }],
  });
  const first = marksBetween(before, faulted);
  t.deepEqual(first.map((m) => m.kind), ['fault', 'attack']);
  const moved = snapshot({
    at_ms: 2350,
    catchment: [{ client: 'users-west', pop: 'east', answered: 1, probes: 1, path: [] }],
    links: [{ link: 't-west--west', state: 'down', detail: '0/2 Established' }],
    down_nodes: ['west'],
    faults: faulted.faults,
    attacks: [{ id: 'attack-1', kind: 'http-flood', from: ['bots-west'], state: 'finished', sent: 10 }],
  });
  const second = marksBetween(faulted, moved, first);
  t.deepEqual(second.map((m) => m.kind), ['attack-end', 'node', 'bgp', 'catchment']);
  const move = second.find((m) => m.kind === 'catchment')!;
  t.is(move.client, 'users-west');
  t.is(move.from, 'west');
  t.is(move.to, 'east');
  t.is(move.since_fault_ms, 350);
  const reverted = marksBetween(moved, snapshot({ at_ms: 3000, catchment: moved.catchment, links: moved.links, down_nodes: [] }), [...first, ...second]);
  t.deepEqual(reverted.map((m) => m.text), ['reverted pop-crash west (pop-crash-1)', 'west is back']);
});

test('marks: the first snapshot marks only what is in force, not the whole lab as changed', (t) => {
  const marks = marksBetween(undefined, snapshot({ down_nodes: ['west'], catchment: [{ client: 'users-west', pop: 'east', answered: 1, probes: 1, path: [] }] }));
  t.deepEqual(marks, []);
});

test('same snapshot: only the time differs', (t) => {
  t.true(sameSnapshot(snapshot({ at_ms: 1 }), snapshot({ at_ms: 2 })));
  t.false(sameSnapshot(snapshot(), snapshot({ down_nodes: ['west'] })));
  t.false(sameSnapshot(undefined, snapshot()));
});
