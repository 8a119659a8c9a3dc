import test from 'ava';
import { planAddresses } from '../../../orchestrator/src/plan/addressing.ts';
import { bridgeName } from '../../../orchestrator/src/render/resource-names.ts';
import { LAB_ENV } from '../../../contracts/env.ts';
import { LABEL } from '../../../contracts/labels.ts';
import { PORTS } from '../../../contracts/ports.ts';
import { renderLabSpec } from '../../../orchestrator/src/render/lab-spec.ts';
import { shippedTopology } from '../../helpers/topologies.ts';

test('every container and network carries the lab label; containers their node, role and spec hash', async (t) => {
  const spec = renderLabSpec(planAddresses(await shippedTopology('mini')));
  for (const n of spec.networks) t.is(n.labels[LABEL.lab], 'mini');
  for (const c of spec.containers) {
    t.is(c.labels[LABEL.lab], 'mini');
    t.is(c.labels[LABEL.node], c.node);
    t.is(c.labels[LABEL.role], c.role);
    t.regex(c.labels[LABEL.specHash]!, /^[0-9a-f]{16}$/);
    t.is(c.name, `mini-${c.node}`);
  }
});

test('minimal capabilities, never privileged; routers forward, PoP routers hash ECMP on L4', async (t) => {
  const spec = renderLabSpec(planAddresses(await shippedTopology('mini')));
  const byNode = new Map(spec.containers.map((c) => [c.node, c]));
  t.deepEqual(byNode.get('t-west')!.capAdd, ['NET_ADMIN', 'NET_RAW', 'SYS_ADMIN']);
  t.deepEqual(byNode.get('users-west-probe-1')!.capAdd, ['NET_ADMIN', 'NET_RAW']);
  t.is(byNode.get('west')!.sysctls['net.ipv4.fib_multipath_hash_policy'], '1');
  t.is(byNode.get('t-west')!.sysctls['net.ipv4.ip_forward'], '1');
  t.is(byNode.get('origin')!.sysctls['net.ipv4.ip_forward'], undefined);
});

test('the management network comes first; the spec hash changes when the spec does', async (t) => {
  const topology = await shippedTopology('mini');
  const spec = renderLabSpec(planAddresses(topology));
  for (const c of spec.containers) t.is(c.networks[0]!.network, 'mini-mgmt');
  const slower = renderLabSpec(planAddresses({ ...topology, bgp: { ...topology.bgp, keepaliveS: 60, holdS: 180 } }));
  t.not(slower.containers[0]!.labels[LABEL.specHash], spec.containers[0]!.labels[LABEL.specHash]);
  t.is(slower.containers.find((c) => c.role === 'probe')!.labels[LABEL.specHash], spec.containers.find((c) => c.role === 'probe')!.labels[LABEL.specHash]);
});

test('bridges get stable names within the kernel limit, and the host setup opens exactly them', async (t) => {
  const spec = renderLabSpec(planAddresses(await shippedTopology('world')));
  const bridges = spec.networks.map((n) => n.bridge);
  t.is(new Set(bridges).size, bridges.length);
  for (const b of bridges) t.true(b.length <= 15);
  t.is(bridgeName('world-mgmt'), spec.networks[0]!.bridge);
  t.deepEqual(spec.hostSetup.command, ['accept', spec.lab, ...bridges]);
});

test('edge servers are told their PoP, server, origin and, under a parent PoP, the parent’s servers', async (t) => {
  const spec = renderLabSpec(planAddresses(await shippedTopology('world')));
  const edge = spec.containers.find((c) => c.node === 'saopaulo-edge-1')!;
  t.is(edge.env.EDGE_POP, 'saopaulo');
  t.is(edge.env.EDGE_SERVER, 'edge-1');
  t.regex(edge.env.EDGE_ORIGIN_URL!, /^http:\/\/198\.18\.\d+\.\d+:80$/);
  t.is(edge.env.EDGE_PARENT_URLS!.split(',').length, 2);
  t.is(spec.containers.find((c) => c.node === 'tokyo-edge-1')!.env.EDGE_PARENT_URLS, undefined);
});

test('each edge server shares blocks with the other servers of its PoP (their LAN addresses), under a key of its PoP', async (t) => {
  const spec = renderLabSpec(planAddresses(await shippedTopology('world')));
  const env = (node: string) => spec.containers.find((c) => c.node === node)!.env;
  t.is(env('tokyo-edge-1').EDGE_PEERS, env('tokyo-edge-2').EDGE_LAN_ADDR);
  t.is(env('tokyo-edge-2').EDGE_PEERS, env('tokyo-edge-1').EDGE_LAN_ADDR);
  t.regex(env('tokyo-edge-1').EDGE_PEER_KEY!, /^[0-9a-f]{64}$/);
  t.is(env('tokyo-edge-1').EDGE_PEER_KEY, env('tokyo-edge-2').EDGE_PEER_KEY);
  t.not(env('tokyo-edge-1').EDGE_PEER_KEY, env('frankfurt-edge-1').EDGE_PEER_KEY, 'each PoP its own key');
  t.is(spec.containers.find((c) => c.role === 'bot')!.env.EDGE_PEER_KEY, undefined, 'no client is told a key');
});

test('services restart on failure (edges, origin, agents); routers, which run no service, do not', async (t) => {
  const spec = renderLabSpec(planAddresses(await shippedTopology('mini')));
  const restartOf = (role: string) => new Set(spec.containers.filter((c) => c.role === role).map((c) => c.restart));
  for (const role of ['edge', 'origin', 'probe', 'bot']) t.deepEqual([...restartOf(role)], ['on-failure'], role);
  for (const role of ['transit', 'pop-router']) t.deepEqual([...restartOf(role)], ['no'], role);
});

test('a link with delay is rendered for the wire at both ends (peer, shared port, mode auto), not as a netem impairment, and its ends get the TUN device', async (t) => {
  const plan = planAddresses(await shippedTopology('mini'));
  const spec = renderLabSpec(plan);
  const byNode = new Map(spec.containers.map((c) => [c.node, c]));
  const mgmt = (name: string) => plan.nodes.find((n) => n.name === name)!.mgmtAddress;
  const link = plan.networks.find((n) => n.key === 't-west--t-east')!;
  const addr = (node: string) => plan.nodes.find((n) => n.name === node)!.interfaces.find((i) => i.network === link.key)!;
  const west = byNode.get('t-west')!;
  const east = byNode.get('t-east')!;
  const [westEntry] = west.env[LAB_ENV.wires]!.split(';');
  const [eastEntry] = east.env[LAB_ENV.wires]!.split(';');
  const port = westEntry!.split(' ')[3]!;
  t.is(westEntry, `t-west--t-east ${addr('t-west').address}/${addr('t-west').prefixLength} ${mgmt('t-east')} ${port} 20 0 0 0 auto`);
  t.is(eastEntry, `t-west--t-east ${addr('t-east').address}/${addr('t-east').prefixLength} ${mgmt('t-west')} ${port} 20 0 0 0 auto`);
  t.true(Number(port) >= PORTS.wireBase);
  t.false((west.env[LAB_ENV.impairments] ?? '').includes('t-west--t-east'), 'not applied twice');
  t.deepEqual(west.devices, ['/dev/net/tun']);
  t.deepEqual(byNode.get('users-west-probe-1')!.devices, [], 'no TUN where no link may be on a wire');
  t.is(byNode.get('west')!.env[LAB_ENV.wires], undefined);
});

test('mechanism: netem keeps a delayed link off the wire; mechanism: wire puts a link without delay on it; every link gets its own port', async (t) => {
  const topology = await shippedTopology('world');
  const links = topology.links.map((l, i) => (i === 0 ? { ...l, mechanism: 'netem' as const } : i === 1 ? { ...l, impairment: {}, mechanism: 'wire' as const } : l));
  const plan = planAddresses({ ...topology, links });
  const spec = renderLabSpec(plan);
  const entries = spec.containers.flatMap((c) => (c.env[LAB_ENV.wires] ?? '').split(';').filter(Boolean).map((e) => e.split(' ')));
  t.false(entries.some((e) => e[0] === links[0]!.name), `${links[0]!.name} (netem) is not on a wire`);
  t.deepEqual(entries.filter((e) => e[0] === links[1]!.name).map((e) => [e[4], e[8]]), [['0', 'wire'], ['0', 'wire']]);
  const portOf = new Map(entries.map((e) => [e[0], e[3]]));
  t.is(new Set(portOf.values()).size, portOf.size, 'distinct ports');
  t.true(entries.length >= 2 * 10, `world puts its delayed links on wires: ${entries.length} ends`);
});
