import { AnycastLabError } from '../errors.ts';
import { listLabs, removeLab } from '../lab/down.ts';
import { silentProgress, type Progress } from '../progress.ts';
import { loadTopology } from '../model/topology.ts';
import { formatMs } from '../../../contracts/units.ts';
import { buildScenarioOutcome, suitePassed, type BrokenRun, type FailOn, type SuiteReport } from '../report/suite-report.ts';
import type { RunReport } from '../report/types.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import type { Scenario } from '../scenario/types.ts';
import { runScenario, type RunOptions } from './runner.ts';
import { parseScenario } from '../scenario/parse-scenario.ts';
import { readSuiteFiles } from './suite-files.ts';
import { estimateRemainingMs, planSuite, type SuitePlan } from './suite-plan.ts';

export interface SuiteOptions extends Omit<RunOptions, 'store'> {
  readonly repeat: number;
  readonly only?: readonly string[];
  readonly failOn: FailOn;
  /** Remove each lab the suite brought up once its scenarios are done. */
  readonly down?: boolean;
}

/** Every scenario file named (directories expanded), parsed before any lab is touched. */
export async function loadSuite(paths: readonly string[], options: Pick<SuiteOptions, 'repeat' | 'only'>): Promise<SuitePlan> {
  const scenarios: Scenario[] = [];
  for (const { file, text } of await readSuiteFiles(paths)) scenarios.push(parseScenario(text, file));
  if (scenarios.length === 0) throw new AnycastLabError('USAGE', `no scenario files in ${paths.join(', ')}`);
  return planSuite(scenarios, { repeat: options.repeat, ...(options.only ? { only: options.only } : {}) });
}

/**
 * Runs a suite: each lab is brought up once and shared by its scenarios (the first run brings it
 * up; every run after checks it is back to its steady state, no fault in force, before it starts),
 * each scenario `repeat` times. A run that breaks is recorded and the suite goes on; an abort
 * (Ctrl-C, SIGTERM) stops it after the running scenario took its faults back.
 */
export async function runSuite(runtime: ContainerRuntime, plan: SuitePlan, options: SuiteOptions): Promise<SuiteReport> {
  const { repeat: _repeat, only: _only, failOn: _failOn, down: _down, ...runOptions } = options;
  const progress: Progress = options.progress ?? silentProgress;
  const started = Date.now();
  const durations: number[] = [];
  const outcomes = [];
  let done = 0;
  for (const group of plan.groups) {
    const lab = options.lab ?? (await loadTopology(group.topology)).lab;
    const wasUp = (await listLabs(runtime)).includes(lab);
    try {
      for (const scenario of group.scenarios) {
        const reports: RunReport[] = [];
        const broken: BrokenRun[] = [];
        for (let run = 1; run <= plan.repeat; run++) {
          const left = estimateRemainingMs(durations, plan.runs - done);
          progress.step(
            `suite ${done + 1}/${plan.runs}: ${scenario.name}` + (plan.repeat > 1 ? `, repeat ${run}/${plan.repeat}` : '') + (left === undefined ? '' : `, about ${formatMs(left)} left at this pace`),
          );
          const runStarted = Date.now();
          try {
            reports.push(await runScenario(runtime, scenario.file, runOptions));
          } catch (error) {
            if (options.signal?.aborted) throw error;
            const code = error instanceof AnycastLabError ? error.code : 'UNEXPECTED';
            broken.push({ run, code, message: (error as Error).message });
            progress.warn(`${scenario.name} run ${run} broke: ${(error as Error).message.split('\n')[0]}`);
          }
          durations.push(Date.now() - runStarted);
          done += 1;
        }
        outcomes.push(buildScenarioOutcome({ scenario: scenario.name, file: scenario.file, lab, tags: scenario.tags, reports, broken }));
      }
    } finally {
      if (options.down && !wasUp) {
        progress.step(`removing lab ${lab}, which this suite brought up`);
        await removeLab(runtime, lab);
      }
    }
  }
  return {
    passed: suitePassed(outcomes, options.failOn),
    fail_on: options.failOn,
    repeat: plan.repeat,
    runs: done,
    started_at: new Date(started).toISOString(),
    duration_ms: Date.now() - started,
    scenarios: outcomes,
    left_out: plan.left_out,
  };
}
