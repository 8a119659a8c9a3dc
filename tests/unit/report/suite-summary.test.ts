import test from 'ava';
import { buildSkippedReport } from '../../../orchestrator/src/report/build-run-report.ts';
import { buildScenarioOutcome } from '../../../orchestrator/src/report/suite-report.ts';
import { renderSuiteTable } from '../../../orchestrator/src/report/render-suite-table.ts';
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

test('attack figures over the runs: per attack its spread, per attack and PoP its share and time to mitigate; the table names them', (t) => {
  const withFlood = (westShare: number, mitigateMs: number | null): RunReport => ({
    ...run(300, 1, [true]),
    attacks: [
      {
        id: 'flood', kind: 'http-flood', from: ['bots-west'], rate: 200, at_ms: 1000, ended_at_ms: 9000, sent: 1600,
        pops: [
          { name: 'west', received: 100, blocked: 90, dropped: 0, served: 10, share: westShare, time_to_mitigate_ms: mitigateMs },
          { name: 'east', received: 10, blocked: 0, dropped: 0, served: 10, share: 1 - westShare, time_to_mitigate_ms: null },
        ],
        spread: { jain: 0.6, max_over_mean: 1.8 },
      },
    ],
  });
  const reports = [withFlood(0.9, 2000), withFlood(0.8, 3000), withFlood(1, null)];
  const summary = summarizeRuns(reports);
  const share = summary.figures.find((f) => f.name === 'attack_share' && f.attack === 'flood' && f.pop === 'west')!;
  t.deepEqual([share.samples, share.min, share.max], [3, 0.8, 1]);
  const mitigate = summary.figures.find((f) => f.name === 'time_to_mitigate_ms' && f.pop === 'west')!;
  t.deepEqual([mitigate.samples, mitigate.min, mitigate.max], [2, 2000, 3000], 'a run that never mitigated gives no sample, not a zero');
  t.falsy(summary.figures.find((f) => f.name === 'time_to_mitigate_ms' && f.pop === 'east'), 'east never mitigated: no figure');
  t.is(summary.figures.find((f) => f.name === 'attack_spread_jain')!.attack, 'flood');
  const outcome = buildScenarioOutcome({ scenario: 'mini-flood', file: 'x.yaml', lab: 'mini', tags: [], reports, broken: [] });
  const table = renderSuiteTable({ passed: true, fail_on: 'failed', repeat: 3, runs: 3, started_at: '2026-12-04T00:00:00Z', duration_ms: 1000, scenarios: [outcome], left_out: [] });
  t.regex(table, /attack_share flood west\s+3\s+80\.0%\s+90\.0%/);
});
