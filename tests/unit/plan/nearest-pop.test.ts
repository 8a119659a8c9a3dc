import test from 'ava';
import { nearestPops } from '../../../orchestrator/src/plan/nearest-pop.ts';
import { shippedTopology } from '../../helpers/topologies.ts';

test('world: every region is served by its own PoP, one AS hop past its transit', async (t) => {
  const world = await shippedTopology('world');
  const expected = { 'users-asia': 'tokyo', 'users-europe': 'frankfurt', 'users-useast': 'ashburn', 'users-latam': 'saopaulo' };
  for (const [client, pop] of Object.entries(expected)) t.deepEqual(nearestPops(world, client), { pops: [pop], asPathLength: 2 });
});

test('world: without tokyo, asia is two transits from frankfurt and ashburn alike (a tie BGP breaks)', async (t) => {
  const world = await shippedTopology('world');
  t.deepEqual(nearestPops(world, 'users-asia', ['tokyo']), { pops: ['ashburn', 'frankfurt'], asPathLength: 3 });
  t.deepEqual(nearestPops(world, 'users-latam', ['saopaulo']), { pops: ['ashburn'], asPathLength: 3 });
});

test('mini: without any PoP there is nothing to reach; an unknown client has no answer', async (t) => {
  const mini = await shippedTopology('mini');
  t.is(nearestPops(mini, 'users-west', ['west', 'east']), undefined);
  t.is(nearestPops(mini, 'nobody'), undefined);
  t.deepEqual(nearestPops(mini, 'users-west', ['west']), { pops: ['east'], asPathLength: 3 });
});
