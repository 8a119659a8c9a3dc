import test from 'ava';
import { findAddressCollisions } from '../../../orchestrator/src/plan/collisions.ts';
import { shippedPlan } from '../../helpers/topologies.ts';

test('no collision on a host with only a default route and unrelated networks', async (t) => {
  const plan = await shippedPlan('mini');
  const collisions = findAddressCollisions(
    plan,
    [{ dst: 'default', dev: 'eth0' }, { dst: '172.17.0.0/16', dev: 'docker0' }],
    [{ name: 'bridge', subnets: ['172.17.0.0/16'], bridge: 'docker0' }],
  );
  t.deepEqual(collisions, []);
});

test('a host route inside the pool or the anycast prefix is a collision', async (t) => {
  const plan = await shippedPlan('mini');
  const collisions = findAddressCollisions(plan, [{ dst: '198.19.4.0/24', dev: 'eth1' }, { dst: '198.51.100.7', dev: 'tun0' }], []);
  t.deepEqual(
    collisions.map((c) => c.what),
    ['addressing.pool', 'addressing.anycast'],
  );
  t.regex(collisions[1]!.with, /host route 198\.51\.100\.7 dev tun0/);
});

test('another lab or project on overlapping subnets is a collision, one line each; this lab’s own networks are not', async (t) => {
  const plan = await shippedPlan('mini');
  const own = { name: 'mini-mgmt', subnets: ['198.19.0.0/24'], bridge: 'al123', lab: 'mini' };
  const project = { name: 'proj_default', subnets: ['198.19.64.0/20'], bridge: 'br-abc' };
  const lab = ['mgmt', 'lan-x', 'lan-y'].map((key, i) => ({ name: `other-${key}`, subnets: [`198.19.${100 + i}.0/24`], bridge: `al${i}`, lab: 'other' }));
  const routes = [{ dst: '198.19.0.0/24', dev: 'al123' }, { dst: '198.19.100.0/24', dev: 'al0' }];
  const collisions = findAddressCollisions(plan, routes, [own, project, ...lab]);
  t.deepEqual(
    collisions.map((c) => c.with),
    ['Docker network proj_default (198.19.64.0/20)', 'lab other: Docker network other-mgmt (198.19.100.0/24) and 2 more'],
  );
});
