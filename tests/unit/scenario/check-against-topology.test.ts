import test from 'ava';
import { checkScenarioAgainstTopology, resolveLinkName } from '../../../orchestrator/src/scenario/check-against-topology.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';
import { MINI } from './lab-names.ts';

const FILE = 'topology/scenarios/t.yaml';

test('names the topology does not define are reported where written, with a suggestion', (t) => {
  const scenario = parseScenario(
    `name: t
lab: ../mini.yaml
probe: { clients: [users-west, users-nort] }
steps:
  - { at: 1s, fault: pop-crash, pop: wst }
  - { at: 1s, fault: server-crash, server: west/edge-9 }
  - { at: 1s, fault: link-down, between: [t-west, east] }
  - { at: 1s, fault: bgp-session-down, router: t-west, peer: t-north }
  - { at: 1s, fault: partition, nodes: [west, nowhere] }
  - { at: 2s, expect: catchment, client: users-west, pop: not esat }
`,
    FILE,
  );
  const issues = checkScenarioAgainstTopology(scenario, MINI);
  t.deepEqual(
    issues.map((i) => `${i.line}:${i.column} ${i.path}`),
    ['3:32 probe.clients[1]', '5:38 steps[0].pop', '6:44 steps[1].server', '7:42 steps[2].between', '8:62 steps[3].peer', '9:47 steps[4].nodes[1]', '10:59 steps[5].pop'],
  );
  t.regex(issues[1]!.message, /no PoP `wst` in the lab \(did you mean "west"\?\); it has: west, east/);
  t.regex(issues[0]!.message, /no client network `users-nort`/);
  t.is(issues[0]!.file, FILE);
});

test('a link may be written either way round', (t) => {
  const scenario = parseScenario('name: t\nlab: x\nsteps:\n  - { at: 1s, fault: link-down, link: west--t-west }\n', FILE);
  t.deepEqual(checkScenarioAgainstTopology(scenario, MINI), []);
  t.is(resolveLinkName({ a: 'west', b: 't-west' }, MINI.links), 't-west--west');
  t.is(resolveLinkName({ a: 'west', b: 'east' }, MINI.links), undefined);
});
