import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../orchestrator/src/cli/exit-codes.ts';
import { buildRunReport } from '../../../orchestrator/src/report/build-run-report.ts';
import { evaluateExpectation } from '../../../orchestrator/src/report/evaluate-expectation.ts';
import { parseRunReport } from '../../../orchestrator/src/report/read-run-report.ts';
import { renderRunReportHtml } from '../../../orchestrator/src/report/render-report-html.ts';
import { renderReportJson } from '../../../orchestrator/src/report/render-report-json.ts';
import { bucketStates, FAILURE_COLOUR, renderRunTimelineSvg, runsOf } from '../../../orchestrator/src/report/render-timeline-svg.ts';
import { scheduleChecks } from '../../../orchestrator/src/scenario/schedule-checks.ts';
import { runCli } from '../cli/capture.ts';
import { measurements, run, scenario } from './run-fixture.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const results = scheduleChecks(scenario).map((c) => evaluateExpectation(c, measurements));
const report = buildRunReport({ scenario, timeline: run, results, pops: ['west', 'east'] });

test('buckets: the PoP most requests reached, failed where most failed, runs joined', (t) => {
  const records = [
    { seq: 1, at_ms: 0, outcome: 'ok' as const, latency_ms: 1, pop: 'west' },
    { seq: 2, at_ms: 10, outcome: 'ok' as const, latency_ms: 1, pop: 'west' },
    { seq: 3, at_ms: 50, outcome: 'timeout' as const, latency_ms: 1000 },
    { seq: 4, at_ms: 90, outcome: 'ok' as const, latency_ms: 1, pop: 'east' },
  ];
  const states = bucketStates(records, 100, 5);
  t.deepEqual(states, ['west', null, 'failed', null, 'east']);
  t.deepEqual(runsOf(['a', 'a', null, 'a', 'b']), [{ state: 'a', from: 0, count: 2 }, { state: 'a', from: 3, count: 1 }, { state: 'b', from: 4, count: 1 }]);
});

test('timeline: users-west goes west, fails during the crash, then east, then west again; the fault is a band', (t) => {
  const svg = renderRunTimelineSvg(report);
  const west = [...svg.matchAll(/class="served" data-client="users-west" data-state="([^"]+)"/g)].map((m) => m[1]);
  t.deepEqual(west, ['west', 'failed', 'east', 'west']);
  const east = [...svg.matchAll(/class="served" data-client="users-east" data-state="([^"]+)"/g)].map((m) => m[1]);
  t.deepEqual(east, ['east']);
  t.regex(svg, /class="fault" data-fault="pop-crash" x="350"/, 'starts at 5 s of 20 s: 150 + 800 * 0.25');
  t.regex(svg, /class="revert"/);
  t.is(svg.match(/class="event"/g)?.length, run.bgp.length + run.routes.length);
  t.true(svg.includes(`fill="${FAILURE_COLOUR}"`));
});

test('html: self-contained, with verdict, every client, every PoP, every fault and every expectation', (t) => {
  const html = renderRunReportHtml(report);
  t.regex(html, /^<!doctype html>/);
  t.notRegex(html.replaceAll('http://www.w3.org/2000/svg', ''), /https?:\/\//, 'nothing is fetched');
  t.notRegex(html, /<(link|img|iframe)\b|\bsrc=/);
  t.regex(html, /class="verdict failed">FAILED<\/span> 2 of 10 expectations failed/);
  for (const c of report.clients) t.true(html.includes(`<tr data-client="${c.name}">`), c.name);
  for (const p of report.pops) t.true(html.includes(`class="pop-load" data-pop="${p.name}"`), p.name);
  t.regex(html, /<table id="faults">.*pop-crash.*west/s);
  const rows = html.match(/<tr class="(pass|fail)">/g) ?? [];
  t.is(rows.length, report.expectations.length);
  t.is(rows.filter((r) => r.includes('fail')).length, report.expectations.filter((x) => !x.passed).length);
});

test('html escapes names from the report', (t) => {
  const html = renderRunReportHtml({ ...report, scenario: '<script>alert(1)</script>' });
  t.false(html.includes('<script>alert(1)'));
  t.true(html.includes('&lt;script&gt;alert(1)'));
});

test('a file that is not a run report is refused, saying what is missing', (t) => {
  t.throws(() => parseRunReport('{"name":"x"}', 'x.json'), { message: /x\.json is not a chaos run report: missing or wrong scenario \(string\)/ });
  t.throws(() => parseRunReport('not json', 'y.json'), { message: /y\.json is not JSON/ });
  t.throws(() => parseRunReport('[]', 'z.json'), { message: /the document/ });
  t.is(parseRunReport(renderReportJson(report), 'run.json').scenario, report.scenario);
});

test.serial('report RUN.json --html writes the page; report RUN.json prints the table', async (t) => {
  const dir = tempDir(t, 'report');
  writeFileSync(join(dir, 'run.json'), renderReportJson(report));
  const html = await runCli(['report', join(dir, 'run.json'), '--html', join(dir, 'run.html')]);
  t.is(html.code, EXIT.ok, html.stderr);
  t.regex(readFileSync(join(dir, 'run.html'), 'utf8'), /Catchment over time/);
  const table = await runCli(['report', join(dir, 'run.json')]);
  t.regex(table.stdout, /^mini-pop-crash-bfd: FAILED/);
  writeFileSync(join(dir, 'bad.json'), '{"steps": []}');
  const bad = await runCli(['report', join(dir, 'bad.json'), '--html', join(dir, 'x.html')]);
  t.is(bad.code, EXIT.usage);
  t.regex(bad.stderr, /is not a chaos run report/);
});
