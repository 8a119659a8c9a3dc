import test from 'ava';
import { evaluateExpectation } from '../../../orchestrator/src/report/evaluate-expectation.ts';
import { scheduleChecks } from '../../../orchestrator/src/scenario/schedule-checks.ts';
import { measurements, run, scenario } from './run-fixture.ts';

const results = scheduleChecks(scenario).map((c) => evaluateExpectation(c, measurements));
const byName = (prefix: string) => results.find((r) => r.name.startsWith(prefix));

test('every expectation of the run, observed against its limit', (t) => {
  t.deepEqual(
    results.map((r) => [r.name, r.passed, r.observed, r.limit]),
    [
      ['steady state before: catchment users-west = west', true, 'west', 'west'],
      ['at 10 s: catchment users-west != west', true, 'east', 'not west'],
      ['at 10 s: convergence users-west <= 1 s', true, 300, '<= 1000 ms'],
      ['at 10 s: lost users-west <= 10', false, 15, '<= 10'],
      ['at 10 s: success-rate users-east >= 99%', true, 100, '>= 99%'],
      ['at 10 s: latency users-west p50 <= 50 ms', true, 30, '<= 50 ms'],
      // [5 s, 10 s]: users-west 235 answers from east, 0 from west; users-east 251 from east
      ['at 10 s: spread max/mean <= 1.5', false, 2, 'max/mean <= 1.5'],
      ['at 10 s: bgp-session t-west peer west down', true, 'Idle', 'down'],
      ['at 10 s: route 198.51.100.0/24 on t-west present', true, 'present', 'present'],
      ['steady state after: catchment users-west = west', true, 'west', 'west'],
    ],
  );
  t.is(byName('at 10 s: convergence')?.unit, 'ms');
  t.is(byName('at 10 s: convergence')?.detail, 'moved: west -> east');
  t.is(byName('at 10 s: convergence')?.at_ms, 10_000);
});

test('what was not observed fails and says so', (t) => {
  const check = scheduleChecks(scenario).find((c) => c.expectation.kind === 'bgp-session')!;
  const result = evaluateExpectation(check, { ...measurements, timeline: { ...run, bgp: [] } });
  t.false(result.passed);
  t.is(result.observed, null);
  t.regex(result.detail ?? '', /was not observed/);
  const convergence = scheduleChecks(scenario).find((c) => c.expectation.kind === 'convergence')!;
  const noFault = evaluateExpectation(convergence, { ...measurements, timeline: { ...run, faults: [] } });
  t.false(noFault.passed);
  t.regex(noFault.detail ?? '', /fault pop-crash was not recorded/);
});

test('an empty timeline does not throw and fails what it cannot see', (t) => {
  const empty = { ...measurements, timeline: { ...run, clients: [], bgp: [], routes: [] } };
  const all = scheduleChecks(scenario).map((c) => evaluateExpectation(c, empty));
  t.true(all.every((r) => !r.passed));
});
