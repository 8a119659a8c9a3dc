import test from 'ava';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';
import { scheduleChecks } from '../../../orchestrator/src/scenario/schedule-checks.ts';

const scenario = parseScenario(
  `name: t
lab: x
steady-state:
  - { expect: catchment, client: users-west, pop: west }
steps:
  - { at: 3s, expect: success-rate, min: 99% }
  - { at: 5s, fault: pop-crash, id: crash, pop: west }
  - { at: 8s, fault: link-down, link: t-west--t-east }
  - { at: 10s, expect: convergence, client: users-west, max: 1s }
  - { at: 10s, expect: lost, client: users-west, max: 50, after: crash }
  - { at: 10s, expect: spread, min-jain: 0.5, since: 6s }
  - { at: 12s, revert: all }
duration: 20s
`,
  'x.yaml',
);

test('checks: steady state before the first step, steps at their time, steady state at the end', (t) => {
  const checks = scheduleChecks(scenario);
  t.deepEqual(
    checks.map((c) => [c.name, c.phase, c.atMs, c.sinceMs, c.faultId]),
    [
      ['steady state before: catchment users-west = west', 'before', 3000, 0, undefined],
      ['at 3 s: success-rate all clients >= 99%', 'step', 3000, 0, undefined],
      ['at 10 s: convergence users-west <= 1 s', 'step', 10_000, 8000, 'link-down'],
      ['at 10 s: lost users-west <= 50 after crash', 'step', 10_000, 8000, 'crash'],
      ['at 10 s: spread jain >= 0.5', 'step', 10_000, 6000, undefined],
      ['steady state after: catchment users-west = west', 'after', 20_000, 19_000, undefined],
    ],
  );
  t.deepEqual(checks[0]?.source, { line: 4, column: 5, path: 'steady-state[0]' });
});

test('the steady state after moves to the end the runner reached', (t) => {
  const after = scheduleChecks(scenario, 31_000).at(-1);
  t.is(after?.atMs, 31_000);
  t.is(after?.sinceMs, 30_000);
});
