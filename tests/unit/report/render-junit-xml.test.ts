import test from 'ava';
import { buildSkippedReport } from '../../../orchestrator/src/report/build-run-report.ts';
import { escapeXml, renderJunitXml } from '../../../orchestrator/src/report/render-junit-xml.ts';
import type { RunReport } from '../../../orchestrator/src/report/types.ts';
import { START, scenario } from './run-fixture.ts';
import { assertWellFormed } from './well-formed-xml.ts';

const base = buildSkippedReport(scenario, 'x', START);
const report: RunReport = {
  ...base,
  scenario: 'a<b>&"c"',
  skipped: null,
  passed: false,
  duration_ms: 12_345,
  expectations: [
    { name: 'at 10 s: catchment users-west = west', phase: 'step', at_ms: 10_000, passed: true, observed: 'west', limit: 'west', unit: '' },
    { name: "at 10 s: convergence <= 1 s & 'so'", phase: 'step', at_ms: 10_000, passed: false, observed: 1320, limit: '<= 1000 ms', unit: 'ms', detail: 'moved: west -> east\u0007' },
  ],
};

test('one testcase per expectation, failures with observed vs limit, all escaped', (t) => {
  const xml = renderJunitXml(report);
  t.notThrows(() => assertWellFormed(xml));
  t.true(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="anycast-lab chaos" tests="2" failures="1" errors="0" skipped="0" time="12.345">'));
  t.regex(xml, /<testsuite name="a&lt;b&gt;&amp;&quot;c&quot;" tests="2" failures="1"/);
  t.regex(xml, /<testcase classname="anycast-lab\.chaos\.a&lt;b&gt;&amp;&quot;c&quot;" name="at 10 s: catchment users-west = west" time="0"><\/testcase>/);
  t.regex(xml, /name="at 10 s: convergence &lt;= 1 s &amp; &apos;so&apos;"/);
  t.regex(xml, /<failure message="observed 1.32 s, limit &lt;= 1000 ms" type="ExpectationFailed">observed 1.32 s, limit &lt;= 1000 ms\nmoved: west -&gt; east<\/failure>/);
});

test('a skipped run is one skipped testcase with its reason', (t) => {
  const xml = renderJunitXml(buildSkippedReport(scenario, 'no netem: "delay" needs CONFIG_NET_SCH_NETEM', START));
  t.notThrows(() => assertWellFormed(xml));
  t.regex(xml, /tests="1" failures="0" errors="0" skipped="1"/);
  t.regex(xml, /<skipped message="no netem: &quot;delay&quot; needs CONFIG_NET_SCH_NETEM"\/>/);
});

test('XML escaping drops characters XML cannot carry', (t) => {
  t.is(escapeXml(`<a href="x">&'\u0000\u001b[31m\ttab`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;[31m\ttab');
  t.is(escapeXml('emoji 🚀 stays'), 'emoji 🚀 stays');
});
