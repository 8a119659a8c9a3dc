import test from 'ava';
import { addressOn, findNode, planAddresses } from '../../../orchestrator/src/plan/addressing.ts';
import { cidrContains, ipToInt, parseCidr } from '../../../orchestrator/src/net/ipv4.ts';
import { shippedPlan, shippedTopology } from '../../helpers/topologies.ts';

test('the same topology always gives the same plan', async (t) => {
  const topology = await shippedTopology('world');
  t.deepEqual(planAddresses(topology), planAddresses(topology));
});

test('mini: management /24 first, a /29 per link, a /24 per LAN, all inside the pool', async (t) => {
  const plan = await shippedPlan('mini');
  const pool = parseCidr(plan.topology.addressing.pool)!;
  t.is(plan.networks[0]!.key, 'mgmt');
  t.is(plan.networks[0]!.subnet, '198.19.0.0/24');
  t.is(plan.networks.find((n) => n.key === 't-west--t-east')!.subnet, '198.19.1.0/29');
  t.deepEqual(plan.networks.filter((n) => n.kind === 'lan').map((n) => n.subnet.endsWith('.0/24')), [true, true, true, true, true, true]);
  for (const n of plan.networks) t.true(cidrContains(pool, ipToInt(n.subnet.split('/')[0]!)), n.key);
});

test('every address is unique and every interface address lies in its network', async (t) => {
  for (const name of ['mini', 'world'] as const) {
    const plan = await shippedPlan(name);
    const seen = new Set<string>();
    for (const node of plan.nodes) {
      for (const address of [node.mgmtAddress, ...node.interfaces.map((i) => i.address), ...node.extraAddresses.map((a) => a.split('/')[0]!)]) {
        t.false(seen.has(address), `${name}: ${address} used twice`);
        seen.add(address);
      }
      for (const iface of node.interfaces) {
        const net = plan.networks.find((n) => n.key === iface.network)!;
        t.true(cidrContains(parseCidr(net.subnet)!, ipToInt(iface.address)), `${node.name} on ${net.key}`);
        t.not(iface.address, net.gateway);
      }
    }
  }
});

test('BGP sessions: one per router link and one per edge server, none to hosts', async (t) => {
  const plan = await shippedPlan('world');
  // 4 transit links + 4 PoP upstreams + 4 client upstreams (the origin does not speak BGP) + 8 servers
  t.is(plan.sessions.length, 20);
  const roles = new Set(plan.sessions.flatMap((s) => [s.a.node, s.b.node]).map((n) => findNode(plan, n).role));
  t.deepEqual([...roles].sort(), ['access-router', 'edge', 'pop-router', 'transit']);
});

test('hosts route through the router of their LAN; edge servers hold the service address on lo', async (t) => {
  const plan = await shippedPlan('mini');
  const edge = findNode(plan, 'west-edge-1');
  t.is(edge.defaultVia, addressOn(findNode(plan, 'west'), 'lan-west'));
  t.deepEqual(edge.loopbacks, ['198.51.100.10/32']);
  t.is(findNode(plan, 'users-west-probe-1').defaultVia, addressOn(findNode(plan, 'users-west'), 'lan-users-west'));
  t.is(findNode(plan, 'origin').defaultVia, addressOn(findNode(plan, 't-east'), 't-east--origin'));
  t.is(plan.originUrl, `http://${addressOn(findNode(plan, 'origin'), 't-east--origin')}:80`);
});

test('bots get their source addresses from the bot LAN, announced by their client network', async (t) => {
  const plan = await shippedPlan('mini');
  const bot = findNode(plan, 'bots-west-1');
  t.is(bot.extraAddresses.length, 32);
  const lan = plan.networks.find((n) => n.key === 'lan-bots-west')!;
  t.is(lan.originatedBy, 'users-west');
  for (const a of bot.extraAddresses) t.true(cidrContains(parseCidr(lan.subnet)!, ipToInt(a.split('/')[0]!)));
});

test('validation refuses a pool too small for the lab, at the pool’s line', async (t) => {
  const { parseTopology } = await import('../../../orchestrator/src/model/topology.ts');
  const text = (await import('node:fs')).readFileSync(new URL('../../../topology/world.yaml', import.meta.url), 'utf8');
  const error = t.throws(() => parseTopology(text.replace('pool: 198.18.0.0/16', 'pool: 198.18.0.0/22'), 'world.yaml'));
  t.regex(error!.message, /world\.yaml:\d+:9: addressing\.pool: the lab needs 14 \/24 blocks .* holds 4/);
});

test('the plan itself refuses a pool too small for the lab, with the field named', async (t) => {
  const topology = await shippedTopology('world');
  const error = t.throws(() => planAddresses({ ...topology, addressing: { ...topology.addressing, pool: '198.18.0.0/22' } }));
  t.regex(error!.message, /addressing\.pool: 198\.18\.0\.0\/22 holds 4 \/24 blocks/);
});
