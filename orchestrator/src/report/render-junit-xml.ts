import { attacksSection, formatObserved } from './render-report-table.ts';
import type { RunReport } from './types.ts';

/**
 * JUnit XML for CI: one testsuite per scenario, one testcase per expectation, a failure element
 * with observed vs limit for each that failed; a skipped run is one skipped testcase with its reason.
 */
export function renderJunitXml(report: RunReport): string {
  const classname = `anycast-lab.chaos.${report.scenario}`;
  const cases =
    report.skipped !== null
      ? [`    <testcase classname="${escapeXml(classname)}" name="${escapeXml(report.scenario)}" time="0">\n      <skipped message="${escapeXml(report.skipped)}"/>\n    </testcase>`]
      : report.expectations.map((e) => {
          const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(e.name)}" time="0">`;
          if (e.passed) return `${open}</testcase>`;
          const message = `observed ${formatObserved(e)}, limit ${e.limit}`;
          const body = [message, e.detail].filter((x) => x !== undefined && x !== '').join('\n');
          return `${open}\n      <failure message="${escapeXml(message)}" type="ExpectationFailed">${escapeXml(body)}</failure>\n    </testcase>`;
        });
  const tests = report.skipped !== null ? 1 : report.expectations.length;
  const failures = report.expectations.filter((e) => !e.passed).length;
  const skipped = report.skipped !== null ? 1 : 0;
  const time = (report.duration_ms / 1000).toFixed(3);
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}"`;
  // The attacks per PoP, as the table shows them, beside the verdicts.
  const attacks = attacksSection(report);
  const out = attacks === '' ? [] : [`    <system-out>${escapeXml(attacks)}</system-out>`];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="anycast-lab chaos" ${counts}>`,
    `  <testsuite name="${escapeXml(report.scenario)}" ${counts} timestamp="${escapeXml(report.started_at)}">`,
    ...cases,
    ...out,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Text safe inside XML content and attributes; characters XML 1.0 cannot carry are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
