import type { SuiteReport } from './suite-report.ts';

/**
 * The suite as JSON: per scenario its runs, figure distributions and expectation tallies, and
 * each run's report without its probe timeline (a run's timeline is in its own `chaos run --json`;
 * a suite of 50 repeats would otherwise carry 50 of them).
 */
export function renderSuiteJson(report: SuiteReport): string {
  const scenarios = report.scenarios.map((s) => ({
    ...s,
    reports: s.reports.map(({ timeline: _timeline, ...rest }) => rest),
  }));
  return `${JSON.stringify({ ...report, scenarios }, null, 2)}\n`;
}
