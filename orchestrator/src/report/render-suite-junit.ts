import { escapeXml } from './render-junit-xml.ts';
import type { ScenarioOutcome, SuiteReport } from './suite-report.ts';

const attr = (value: string | number): string => escapeXml(String(value));

function cases(s: ScenarioOutcome, report: SuiteReport): { xml: string[]; failures: number; errors: number; skipped: number } {
  const classname = `anycast-lab.chaos.${s.scenario}`;
  const open = (name: string): string => `    <testcase classname="${attr(classname)}" name="${attr(name)}" time="0">`;
  if (s.verdict === 'skipped') {
    const reason = s.reports[0]?.skipped ?? 'skipped';
    return { xml: [`${open(s.scenario)}\n      <skipped message="${attr(reason)}"/>\n    </testcase>`], failures: 0, errors: 0, skipped: 1 };
  }
  const broken = s.broken.map((b) => `${open(`run ${b.run}`)}\n      <error message="${attr(b.message.split('\n')[0]!)}" type="${attr(b.code)}">${escapeXml(b.message)}</error>\n    </testcase>`);
  let failures = 0;
  const expectations = s.expectations.map((e) => {
    const name = `${e.phase === 'step' ? '' : `${e.phase}: `}${e.name}`;
    const counted = `passed ${e.passed_runs} of ${e.runs} runs`;
    if (e.verdict === 'pass') return `${open(name)}</testcase>`;
    if (e.verdict === 'flaky' && report.fail_on === 'failed') {
      return `${open(name)}\n      <system-out>${escapeXml(`flaky: ${counted}`)}</system-out>\n    </testcase>`;
    }
    failures += 1;
    const type = e.verdict === 'flaky' ? 'Flaky' : 'ExpectationFailed';
    return `${open(name)}\n      <failure message="${attr(`${e.verdict}: ${counted}`)}" type="${type}"/>\n    </testcase>`;
  });
  return { xml: [...broken, ...expectations], failures, errors: s.broken.length, skipped: 0 };
}

/** JUnit XML for a suite: one testsuite per scenario, one testcase per expectation (over all repeats). */
export function renderSuiteJunit(report: SuiteReport): string {
  const suites = report.scenarios.map((s) => {
    const c = cases(s, report);
    const time = (s.reports.reduce((n, r) => n + r.duration_ms, 0) / 1000).toFixed(3);
    const counts = { tests: c.xml.length, failures: c.failures, errors: c.errors, skipped: c.skipped };
    const head = `  <testsuite name="${attr(s.scenario)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${time}">`;
    const props = `    <properties>\n      <property name="file" value="${attr(s.file)}"/>\n      <property name="runs" value="${s.runs}"/>\n      <property name="verdict" value="${s.verdict}"/>\n    </properties>`;
    return { xml: [head, props, ...c.xml, '  </testsuite>'].join('\n'), counts };
  });
  const total = (k: 'tests' | 'failures' | 'errors' | 'skipped'): number => suites.reduce((n, s) => n + s.counts[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="anycast-lab chaos" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}" skipped="${total('skipped')}" time="${(report.duration_ms / 1000).toFixed(3)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
