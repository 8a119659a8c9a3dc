import test from 'ava';
import { buildSkippedReport } from '../../../orchestrator/src/report/build-run-report.ts';
import { renderSuiteJson } from '../../../orchestrator/src/report/render-suite-json.ts';
import { renderSuiteJunit } from '../../../orchestrator/src/report/render-suite-junit.ts';
import { renderSuiteTable } from '../../../orchestrator/src/report/render-suite-table.ts';
import { suiteExitCode } from '../../../orchestrator/src/cli/exit-codes.ts';
import { buildScenarioOutcome, suitePassed, type FailOn, type SuiteReport } from '../../../orchestrator/src/report/suite-report.ts';
import type { RunReport } from '../../../orchestrator/src/report/types.ts';
import { START, scenario } from './run-fixture.ts';
import { assertWellFormed } from './well-formed-xml.ts';

const base = buildSkippedReport(scenario, 'x', START);
const report = (name: string, passed: boolean): RunReport => ({
  ...base,
  scenario: name,
  skipped: null,
  passed,
  duration_ms: 20_000,
  expectations: [{ name: 'at 10 s: convergence users-west <= 1 s', phase: 'step', at_ms: 10_000, passed, observed: passed ? 300 : 1500, limit: '<= 1000', unit: 'ms' }],
});

const outcome = (name: string, runs: readonly boolean[], broken = 0) =>
  buildScenarioOutcome({
    scenario: name,
    file: `topology/scenarios/${name}.yaml`,
    lab: 'mini',
    tags: ['quick'],
    reports: runs.map((p) => report(name, p)),
    broken: Array.from({ length: broken }, (_, i) => ({ run: runs.length + i + 1, code: 'LAB_NOT_READY', message: 'lab mini not ready after 120 s' })),
  });

const suite = (scenarios: ReturnType<typeof outcome>[], failOn: FailOn = 'failed'): SuiteReport => ({
  passed: suitePassed(scenarios, failOn),
  fail_on: failOn,
  repeat: 2,
  runs: scenarios.reduce((n, s) => n + s.runs, 0),
  started_at: new Date(START).toISOString(),
  duration_ms: 50_000,
  scenarios,
  left_out: [],
});

test('verdicts per scenario and the exit code: failed -> 1, broken -> 3, flaky only with --fail-on flaky', (t) => {
  const pass = outcome('a-pass', [true, true]);
  const flaky = outcome('b-flaky', [true, false]);
  const fail = outcome('c-fail', [false, false]);
  const broken = outcome('d-broken', [true], 1);
  t.deepEqual([pass, flaky, fail, broken].map((s) => s.verdict), ['pass', 'flaky', 'fail', 'broken']);
  t.is(suiteExitCode(suite([pass, flaky])), 0);
  t.is(suiteExitCode(suite([pass, flaky], 'flaky')), 1);
  t.is(suiteExitCode(suite([pass, fail])), 1);
  t.is(suiteExitCode(suite([pass, fail, broken])), 3);
  t.is(broken.runs, 2);
});

test('one JUnit file, one testsuite per scenario, flaky and failed told apart, well-formed', (t) => {
  const xml = renderSuiteJunit(suite([outcome('a-pass', [true, true]), outcome('b-flaky', [true, false]), outcome('c-fail', [false, false]), outcome('d-broken', [true], 1)]));
  t.notThrows(() => assertWellFormed(xml));
  t.is(xml.match(/<testsuite /g)?.length, 4);
  t.regex(xml, /<testsuite name="b-flaky" tests="1" failures="0" errors="0"/);
  t.regex(xml, /<system-out>flaky: passed 1 of 2 runs<\/system-out>/);
  t.regex(xml, /<testsuite name="c-fail" tests="1" failures="1"/);
  t.regex(xml, /<failure message="fail: passed 0 of 2 runs" type="ExpectationFailed"\/>/);
  t.regex(xml, /<error message="lab mini not ready after 120 s" type="LAB_NOT_READY">/);
  t.regex(xml, /<testsuites name="anycast-lab chaos" tests="5" failures="1" errors="1" skipped="0"/);
  const strict = renderSuiteJunit(suite([outcome('b-flaky', [true, false])], 'flaky'));
  t.regex(strict, /<failure message="flaky: passed 1 of 2 runs" type="Flaky"\/>/);
});

test('the suite JSON has runs, figures and expectation tallies per scenario, reports without timelines', (t) => {
  const json = JSON.parse(renderSuiteJson(suite([outcome('b-flaky', [true, false])]))) as {
    scenarios: { runs: number; figures: unknown[]; expectations: { name: string; passed_runs: number; runs: number; verdict: string }[]; reports: object[] }[];
  };
  const [s] = json.scenarios;
  t.is(s!.runs, 2);
  t.deepEqual(s!.expectations.map((e) => [e.passed_runs, e.runs, e.verdict]), [[1, 2, 'flaky']]);
  t.true(s!.reports.length === 2 && s!.reports.every((r) => !('timeline' in r)));
});

test('the summary table names each scenario with its verdict and what did not pass', (t) => {
  const text = renderSuiteTable(suite([outcome('a-pass', [true, true]), outcome('c-fail', [false, false])]));
  t.regex(text, /^suite: FAILED \(4 runs in 50 s, fail on failed\)/);
  t.regex(text, /a-pass\s+PASS\s+2\s+1\/0\/0\s+0/);
  t.regex(text, /FAIL {2}at 10 s: convergence users-west <= 1 s \(passed 0 of 2\)/);
});
