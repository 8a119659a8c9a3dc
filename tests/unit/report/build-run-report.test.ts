import test from 'ava';
import { buildRunReport, buildSkippedReport } from '../../../orchestrator/src/report/build-run-report.ts';
import { evaluateExpectation } from '../../../orchestrator/src/report/evaluate-expectation.ts';
import { renderReportJson } from '../../../orchestrator/src/report/render-report-json.ts';
import { renderReportTable } from '../../../orchestrator/src/report/render-report-table.ts';
import { scheduleChecks } from '../../../orchestrator/src/scenario/schedule-checks.ts';
import { START, measurements, run, scenario } from './run-fixture.ts';

const results = scheduleChecks(scenario).map((c) => evaluateExpectation(c, measurements));
const report = buildRunReport({ scenario, timeline: run, results, pops: ['west', 'east'] });

test('the report has what scripts read, times from the run start', (t) => {
  t.is(report.scenario, 'mini-pop-crash-bfd');
  t.false(report.passed);
  t.is(report.skipped, null);
  t.is(report.duration_ms, 20_000);
  t.is(report.started_at, new Date(START).toISOString());
  t.deepEqual(report.faults.map((f) => [f.kind, f.target, f.at_ms, f.reverted_at_ms]), [['pop-crash', 'west', 5000, 12_000]]);
  const west = report.clients.find((c) => c.name === 'users-west')!;
  t.like(west, { before: 'west', after: 'east', outcome: 'moved', convergence_ms: 300, lost: 15, sent: 1000, failed: 15 });
  t.deepEqual(west.latency_before_ms, { p50: 10, p95: 10 });
  t.deepEqual(west.latency_after_ms, { p50: 30, p95: 30 });
  const east = report.clients.find((c) => c.name === 'users-east')!;
  t.like(east, { before: 'east', after: 'east', outcome: 'unaffected', convergence_ms: null, lost: 0 });
  t.deepEqual(report.pops.map((p) => p.name), ['west', 'east']);
  const answered = run.clients.flatMap((c) => c.records).filter((r) => r.pop !== undefined).length;
  t.is(report.pops.reduce((a, p) => a + p.requests, 0), answered, 'every answer carrying a PoP is counted once');
  t.truthy(report.spread.jain);
  t.is(report.timeline.clients[0]?.records[0]?.at_ms, 0);
  t.deepEqual(report.timeline.bgp[1], { at_ms: 5350, router: 't-west', peer: 'west', state: 'Idle' });
});

test('a flap reports the loss of each cycle', (t) => {
  const flap = { id: 'flap', kind: 'flap', target: 't-west--west', atMs: START + 5000, revertedAtMs: START + 13_000, cycles: [{ downAtMs: START + 5000, upAtMs: START + 7000 }, { downAtMs: START + 9000, upAtMs: START + 11_000 }] };
  const flapped = buildRunReport({ scenario, timeline: { ...run, faults: [flap] }, results: [], pops: ['west', 'east'] });
  t.deepEqual(flapped.faults[0]?.cycles, [
    { down_at_ms: 5000, up_at_ms: 7000, lost: [{ name: 'users-west', lost: 15 }, { name: 'users-east', lost: 0 }] },
    { down_at_ms: 9000, up_at_ms: 11_000, lost: [{ name: 'users-west', lost: 0 }, { name: 'users-east', lost: 0 }] },
  ]);
  t.regex(renderReportTable(flapped), /lost per flap/);
});

test('a run without faults or records does not throw', (t) => {
  const empty = buildRunReport({ scenario, timeline: { ...run, clients: [], faults: [], bgp: [], routes: [] }, results: [], pops: [] });
  t.true(empty.passed);
  t.deepEqual(empty.spread, { max_over_mean: null, jain: null });
  t.regex(renderReportTable(empty), /clients: no probe records/);
  const quiet = buildRunReport({ scenario, timeline: { ...run, faults: [] }, results: [], pops: ['west', 'east'] });
  t.like(quiet.clients[0], { before: 'west', after: 'west', convergence_ms: null });
});

test('the terminal table shows before -> after, convergence, lost and each expectation', (t) => {
  const table = renderReportTable(report);
  t.regex(table, /^mini-pop-crash-bfd: FAILED \(2 of 10 expectations failed\)/);
  t.regex(table, /users-west\s+west -> east\s+300 ms\s+15\s+1000\s+98\.5%\s+10 ms \/ 30 ms/);
  t.regex(table, /users-east\s+east -> east\s+-\s+0/);
  t.regex(table, /PASS\s+at 10 s: convergence users-west <= 1 s\s+300 ms\s+<= 1000 ms/);
  t.regex(table, /FAIL\s+at 10 s: lost users-west <= 10\s+15\s+<= 10/);
  t.regex(table, /spread: max\/mean \d\.\d\d, jain 0\.\d{3}/);
});

test('JSON carries the whole report', (t) => {
  const json = JSON.parse(renderReportJson(report));
  t.deepEqual(Object.keys(json).sort(), ['attacks', 'clients', 'duration_ms', 'expectations', 'faults', 'file', 'lab', 'origin', 'passed', 'pops', 'scenario', 'skipped', 'spread', 'stable_window_ms', 'started_at', 'timeline']);
  t.is(json.clients[0].convergence_ms, 300);
  t.is(json.expectations[3].observed, 15);
});

test('a skipped run says why and passes', (t) => {
  const skipped = buildSkippedReport(scenario, 'the kernel has no netem (CONFIG_NET_SCH_NETEM)', START);
  t.true(skipped.passed);
  t.is(renderReportTable(skipped), 'mini-pop-crash-bfd: SKIPPED: the kernel has no netem (CONFIG_NET_SCH_NETEM)\n');
});
