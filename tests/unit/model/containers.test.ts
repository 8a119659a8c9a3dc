import test from 'ava';
import { countContainers } from '../../../orchestrator/src/model/containers.ts';
import { loadTopology } from '../../../orchestrator/src/model/topology.ts';

test('counts routers, servers, probes, bots and the origin', (t) => {
  const lab = {
    transits: [{}, {}],
    pops: [{ servers: 2 }, { servers: 3 }],
    clients: [{ probes: 1 }],
    botnets: [{ bots: 4 }],
  };
  t.is(countContainers(lab), 2 + (1 + 2) + (1 + 3) + (1 + 1) + 4 + 1);
});

test('the world lab runs 29 containers', async (t) => {
  t.is(countContainers(await loadTopology('topology/world.yaml')), 29);
});
