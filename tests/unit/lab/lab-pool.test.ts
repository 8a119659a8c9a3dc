import test from 'ava';
import { poolCovering } from '../../../orchestrator/src/lab/lab-pool.ts';
import { planAddresses } from '../../../orchestrator/src/plan/addressing.ts';
import { shippedTopology } from '../../helpers/topologies.ts';
import { loadTopology } from '../../../orchestrator/src/model/topology.ts';

test('the pool read back from a lab`s networks gives the same addresses as the pool it was made from', async (t) => {
  for (const pool of ['198.19.224.0/19', '198.19.0.0/17', '198.18.0.0/16']) {
    const topology = await loadTopology((await shippedTopology('world')).file, { pool });
    const plan = planAddresses(topology);
    const found = poolCovering(plan.networks.map((n) => n.subnet));
    t.truthy(found);
    const again = planAddresses(await loadTopology(topology.file, { pool: found! }));
    t.deepEqual(again.nodes, plan.nodes, pool);
  }
});

test('a small lab still reads back as a pool the topology accepts', (t) => {
  t.is(poolCovering(['198.19.160.0/24', '198.19.161.0/29']), '198.19.160.0/22');
  t.is(poolCovering([]), undefined);
});
