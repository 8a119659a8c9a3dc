import test from 'ava';
import { buildSkippedReport } from '../../../orchestrator/src/report/build-run-report.ts';
import { classify, distribution, summarizeRuns } from '../../../orchestrator/src/report/suite-summary.ts';
import type { ExpectationResult, RunReport } from '../../../orchestrator/src/report/types.ts';
import { START, scenario } from './run-fixture.ts';

const base = buildSkippedReport(scenario, 'x', START);

function run(convergenceMs: number | null, lost: number, passed: readonly boolean[], jain = 0.9): RunReport {
  const expectations: ExpectationResult[] = passed.map((p, i) => ({
    name: `expectation ${i}`, phase: i === 0 ? 'before' : 'step', at_ms: i * 1000, passed: p, observed: 1, limit: '<= 1', unit: '',
  }));
  const client = { name: 'users-west', outcome: 'moved' as const, before: 'west', after: 'east', convergence_ms: convergenceMs, lost, sent: 100, failed: lost, success_rate: (100 - lost) / 100, latency_before_ms: { p50: 1, p95: 2 }, latency_after_ms: { p50: 1, p95: 2 } };
  return { ...base, skipped: null, passed: passed.every(Boolean), expectations, clients: [client], spread: { jain, max_over_mean: 1.2 } };
}

test('a distribution gives min, nearest-rank p50 and p95, max and how many runs measured it', (t) => {
  t.deepEqual(distribution('lost', [5, 1, 3, 2, 4]), { name: 'lost', samples: 5, min: 1, p50: 3, p95: 5, max: 5 });
  t.deepEqual(distribution('convergence_ms', [300], 'users-west'), { name: 'convergence_ms', client: 'users-west', samples: 1, min: 300, p50: 300, p95: 300, max: 300 });
  t.is(distribution('lost', []), undefined);
  const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
  t.is(distribution('x', twenty)!.p95, 19);
});

test('an expectation that passed in some runs and failed in others is flaky, not failed', (t) => {
  t.is(classify(3, 3), 'pass');
  t.is(classify(0, 3), 'fail');
  t.is(classify(1, 3), 'flaky');
  const summary = summarizeRuns([run(300, 10, [true, true, false]), run(500, 20, [true, false, false]), run(400, 15, [true, true, false])]);
  t.is(summary.runs, 3);
  t.deepEqual(summary.expectations.map((e) => [e.name, e.passed_runs, e.runs, e.verdict]), [
    ['expectation 0', 3, 3, 'pass'],
    ['expectation 1', 2, 3, 'flaky'],
    ['expectation 2', 0, 3, 'fail'],
  ]);
  const convergence = summary.figures.find((f) => f.name === 'convergence_ms' && f.client === 'users-west')!;
  t.deepEqual([convergence.min, convergence.p50, convergence.p95, convergence.max], [300, 400, 500, 500]);
  t.deepEqual(summary.figures.map((f) => f.name), ['convergence_ms', 'lost', 'success_rate', 'spread_jain', 'spread_max_over_mean']);
});

test('an expectation a run never reached counts as not passed in that run; skipped runs do not count', (t) => {
  const bailedOut = { ...run(null, 0, [false]) };
  const summary = summarizeRuns([run(300, 1, [true, true]), bailedOut, buildSkippedReport(scenario, 'no netem', START)]);
  t.deepEqual(summary.expectations.map((e) => [e.name, e.passed_runs, e.runs, e.verdict]), [
    ['expectation 0', 1, 2, 'flaky'],
    ['expectation 1', 1, 2, 'flaky'],
  ]);
  // A client that never moved has no convergence figure in that run: one sample, not a zero.
  t.is(summary.figures.find((f) => f.name === 'convergence_ms')!.samples, 1);
});
