import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { checkScenarioAgainstTopology } from '../../../orchestrator/src/scenario/check-against-topology.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';
import { shippedTopology } from '../../helpers/topologies.ts';
import { MINI, WORLD } from './lab-names.ts';

const DIR = 'topology/scenarios';
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

test('the scenarios of the issue are shipped', (t) => {
  for (const name of ['pop-crash-bfd', 'pop-crash-hold-timer', 'pop-drain', 'server-unhealthy', 'link-latency', 'link-loss', 'link-flap',
    'mini-pop-crash-bfd', 'mini-pop-drain', 'mini-failing-expectation', 'mini-attack-spread', 'mini-attack-unicast-baseline', 'mini-slow-origin',
    'attack-spread', 'attack-unicast-baseline', 'attack-regional', 'cache-bust', 'rapid-reset', 'slow-origin', 'attack-during-failover', 'absorb-vs-withdraw', 'prepend-shift']) {
    t.true(files.includes(`${name}.yaml`), name);
  }
});

for (const file of files) {
  test(`${file} is valid and names only what its lab defines`, (t) => {
    const path = join(DIR, file);
    const scenario = parseScenario(readFileSync(path, 'utf8'), path);
    t.is(`${scenario.name}.yaml`, file);
    const lab = scenario.lab.endsWith('mini.yaml') ? MINI : WORLD;
    t.true(scenario.lab === 'topology/world.yaml' || scenario.lab === 'topology/mini.yaml');
    t.deepEqual(checkScenarioAgainstTopology(scenario, lab), []);
    t.true(scenario.steps.some((s) => s.type === 'expect'), 'asserts something');
  });
}

test('link-latency runs without netem (its link has a delay, so the wire carries it there); the hold-timer scenario turns BFD off', async (t) => {
  const read = (name: string) => parseScenario(readFileSync(join(DIR, `${name}.yaml`), 'utf8'), name);
  t.deepEqual(read('link-latency').requires, []);
  const world = await shippedTopology('world');
  t.true(world.links.some((l) => l.name === 't-asia--tokyo' && (l.impairment.delayMs ?? 0) > 0), 'its link has a delay of its own');
  t.deepEqual(read('pop-crash-hold-timer').bgp, { bfd: { enabled: false }, timers: { profile: 'datacenter', keepaliveS: 3, holdS: 9 } });
});
