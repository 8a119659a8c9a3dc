import test from 'ava';
import { MAX_PROBE_MS, probeNodes, probeParams, scheduleRun } from '../../../orchestrator/src/chaos/run-schedule.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';
import { shippedPlan } from '../../helpers/topologies.ts';

const scenario = parseScenario(
  `name: t
lab: ../mini.yaml
probe: { clients: [users-west], rate: 20/s, timeout: 2s }
stable-window: 1s
steady-state:
  - { expect: catchment, client: users-west, pop: west }
steps:
  - { at: 3s, fault: pop-crash, pop: west }
  - { at: 6s, expect: bgp-session, router: t-west, peer: west, state: down }
  - { at: 6s, expect: catchment, client: users-west, pop: east }
  - { at: 6s, expect: route, router: t-west, prefix: 198.51.100.0/24, present: true }
  - { at: 8s, revert: pop-crash }
duration: 20s
`,
  'topology/scenarios/t.yaml',
);

test('actions and BGP observations are two tracks; everything else is measured afterwards', (t) => {
  const schedule = scheduleRun(scenario);
  t.deepEqual(schedule.actions.map((s) => [s.type, s.atMs]), [['fault', 3000], ['revert', 8000]]);
  t.deepEqual(schedule.observations.map((s) => [s.expectation.kind, s.atMs]), [['bgp-session', 6000], ['route', 6000]]);
  t.is(schedule.steadyStateAtMs, 3000, 'the steady state is checked when the first step is due');
});

test('a scenario with no steps checks its steady state at its end', (t) => {
  const idle = parseScenario('name: idle\nlab: ../mini.yaml\nsteps: []\nduration: 5s\n', 'topology/scenarios/idle.yaml');
  t.is(scheduleRun(idle).steadyStateAtMs, 5000);
});

test('probes run on the probed clients only, for the run, the settling and a window, within the agent`s limit', async (t) => {
  const mini = await shippedPlan('mini');
  t.deepEqual(probeNodes(mini, scenario).map((n) => n.name), ['users-west-probe-1']);
  const params = probeParams(scenario, 60_000);
  t.like(params, { rate: 20, timeoutMs: 2000, keepAlive: false, path: '/probe' });
  t.true(params.durationMs >= 20_000 + 60_000 + 1000 + 2000);
  t.is(probeParams({ ...scenario, durationMs: 3_000_000 }, 60_000).durationMs, MAX_PROBE_MS);
});

