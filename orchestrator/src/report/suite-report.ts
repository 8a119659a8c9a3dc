import { summarizeRuns, type ScenarioSummary } from './suite-summary.ts';
import type { RunReport } from './types.ts';

/** What makes a suite fail: an expectation that failed in every run, or also one that is flaky. */
export type FailOn = 'failed' | 'flaky';
export const FAIL_ON: readonly FailOn[] = ['failed', 'flaky'];

export type ScenarioVerdict = 'pass' | 'fail' | 'flaky' | 'broken' | 'skipped';

/** A run that could not be carried out (engine gone, lab not ready): no report, an error. */
export interface BrokenRun {
  readonly run: number;
  readonly code: string;
  readonly message: string;
}

export interface ScenarioRuns {
  readonly scenario: string;
  readonly file: string;
  readonly lab: string;
  readonly tags: readonly string[];
  readonly reports: readonly RunReport[];
  readonly broken: readonly BrokenRun[];
}

export interface ScenarioOutcome extends ScenarioRuns, ScenarioSummary {
  readonly verdict: ScenarioVerdict;
}

export interface SuiteReport {
  readonly passed: boolean;
  readonly fail_on: FailOn;
  readonly repeat: number;
  /** Runs carried out, with a report or broken. */
  readonly runs: number;
  readonly started_at: string;
  readonly duration_ms: number;
  readonly scenarios: readonly ScenarioOutcome[];
  readonly left_out: readonly { readonly file: string; readonly reason: string }[];
}

function verdictOf(summary: ScenarioSummary, runs: ScenarioRuns): ScenarioVerdict {
  if (runs.broken.length > 0) return 'broken';
  if (runs.reports.length > 0 && runs.reports.every((r) => r.skipped !== null)) return 'skipped';
  if (summary.expectations.some((e) => e.verdict === 'fail')) return 'fail';
  return summary.expectations.some((e) => e.verdict === 'flaky') ? 'flaky' : 'pass';
}

export function buildScenarioOutcome(runs: ScenarioRuns): ScenarioOutcome {
  const summary = summarizeRuns(runs.reports);
  return { ...runs, ...summary, runs: runs.reports.length + runs.broken.length, verdict: verdictOf(summary, runs) };
}

export function suitePassed(scenarios: readonly ScenarioOutcome[], failOn: FailOn): boolean {
  const failing: readonly ScenarioVerdict[] = failOn === 'flaky' ? ['broken', 'fail', 'flaky'] : ['broken', 'fail'];
  return scenarios.every((s) => !failing.includes(s.verdict));
}
