import { writeFile } from 'node:fs/promises';
import { loadSuite, runSuite } from '../../chaos/run-suite.ts';
import { runScenario } from '../../chaos/runner.ts';
import { MAX_REPEAT } from '../../chaos/suite-plan.ts';
import { streamProgress } from '../../progress.ts';
import { renderJunitXml } from '../../report/render-junit-xml.ts';
import { renderReportJson } from '../../report/render-report-json.ts';
import { renderReportTable } from '../../report/render-report-table.ts';
import { renderSuiteJson } from '../../report/render-suite-json.ts';
import { renderSuiteJunit } from '../../report/render-suite-junit.ts';
import { renderSuiteTable } from '../../report/render-suite-table.ts';
import { FAIL_ON, type FailOn } from '../../report/suite-report.ts';
import type { RunOptions } from '../../chaos/runner.ts';
import type { ContainerRuntime } from '../../runtime/runtime.ts';
import { durationFlag, usageError } from '../args.ts';
import { defineCommand, LAB_FLAG, type ParsedArgs } from '../command.ts';
import { connectRuntime } from '../context.ts';
import { EXIT, suiteExitCode } from '../exit-codes.ts';
import { flagValue } from '../flag-value.ts';
import { abortOnInterrupt } from '../interrupt.ts';

const FLAGS = {
  json: { type: 'string', value: 'FILE', help: 'also write the report as JSON to FILE (a suite: one report per scenario)' },
  junit: { type: 'string', value: 'FILE', help: 'also write JUnit XML to FILE (one testsuite per scenario)' },
  repeat: { type: 'string', value: 'N', help: `run each scenario N times (1..${MAX_REPEAT}); figures become min/p50/p95/max, expectations pass, fail or flaky` },
  only: { type: 'string', value: 'TAG[,TAG]', help: 'run only the scenarios with one of these tags (`tags:` in the scenario file)' },
  'fail-on': { type: 'string', value: 'WHAT', help: 'what makes the exit code 1: failed (default: an expectation failed in every run) or flaky (also one that failed in some)' },
  down: { type: 'boolean', help: 'remove each lab the suite brought up when its scenarios are done' },
  ...LAB_FLAG,
  pool: { type: 'string', value: 'CIDR', help: 'address pool, when the lab is not up yet and must be brought up' },
  settle: { type: 'string', value: 'DURATION', help: 'how long to wait for the steady state before the first step (default 60s)' },
  'no-build': { type: 'boolean', help: 'do not rebuild the lab images when the lab must be brought up' },
} as const;

type ChaosArgs = ParsedArgs<typeof FLAGS>;

function repeatFlag(value: string | undefined): number {
  if (value === undefined) return 1;
  return flagValue('repeat', value, { type: 'count', min: 1, max: MAX_REPEAT, doc: '' }, (message) => usageError('chaos', message));
}

function failOnFlag(value: string | undefined): FailOn {
  if (value === undefined) return 'failed';
  if (!(FAIL_ON as readonly string[]).includes(value)) throw usageError('chaos', `--fail-on ${value.slice(0, 20)}: expected ${FAIL_ON.join(' or ')}`);
  return value as FailOn;
}

async function runOne(runtime: ContainerRuntime, file: string, values: ChaosArgs['values'], options: RunOptions): Promise<number> {
  const report = await runScenario(runtime, file, options);
  process.stdout.write(`\n${renderReportTable(report)}`);
  if (report.faults.length === 0 && report.expectations.some((e) => e.phase === 'before' && !e.passed)) {
    process.stdout.write('\nthe steady state did not hold before the first step, so no fault was injected\n');
  }
  if (values.json) await writeFile(values.json, renderReportJson(report));
  if (values.junit) await writeFile(values.junit, renderJunitXml(report));
  return report.passed ? EXIT.ok : EXIT.failed;
}

export const chaosCommand = defineCommand({
  name: 'chaos',
  summary: 'run chaos scenarios: steady state, timed faults, probes on one clock, measured convergence and loss, expectations',
  usage: 'run SCENARIO|DIR... [flags]',
  flags: FLAGS,
  details: `Brings each scenario's lab up if it is not, checks the steady-state hypothesis, runs the steps,
reverts every fault (also on failure, Ctrl-C or SIGTERM) and checks the hypothesis again.
Several files or a directory make a suite: scenarios are grouped by lab so each lab comes up once,
and each run starts from the lab's steady state with no fault in force. With one file and no
--repeat, --json writes that run's report (with its probe timeline); otherwise a suite report.
Exit code 0 when every expectation held, 1 when one failed (or was flaky, with --fail-on flaky),
3 when a run itself broke (the other scenarios are still run and reported), 130 when interrupted.
Scenario format: topology/scenarios/README.md and docs/chaos.md; suites in CI: docs/ci.md.`,
  async run({ values, positionals }) {
    const [sub, ...files] = positionals;
    if (sub !== 'run' || files.length === 0) throw usageError('chaos', 'expected `chaos run SCENARIO|DIR...`');
    const repeat = repeatFlag(values.repeat);
    const failOn = failOnFlag(values['fail-on']);
    const only = values.only?.split(',').map((t) => t.trim()).filter((t) => t !== '');
    const settleTimeoutMs = durationFlag('chaos', 'settle', values.settle, 60_000);
    const plan = await loadSuite(files, { repeat, ...(only ? { only } : {}) });
    const runtime = await connectRuntime();
    const interrupt = abortOnInterrupt({
      cleaning: 'taking back every fault',
      leftover: () => `faults may be left in force: anycast-lab fault revert --all${values.lab ? ` --lab ${values.lab}` : ''}`,
    });
    const options: RunOptions = {
      ...(values.lab ? { lab: values.lab } : {}),
      ...(values.pool ? { pool: values.pool } : {}),
      progress: streamProgress(),
      signal: interrupt.signal,
      buildImages: !values['no-build'],
      settleTimeoutMs,
    };
    const single = plan.runs === 1 && files.length === 1 && !values.down;
    try {
      if (single) return await runOne(runtime, plan.groups[0]!.scenarios[0]!.file, values, options);
      if (plan.runs === 0) throw usageError('chaos', `--only ${values.only}: no scenario has that tag (${plan.left_out.length} left out)`);
      const report = await runSuite(runtime, plan, { ...options, repeat, failOn, ...(only ? { only } : {}), ...(values.down ? { down: true } : {}) });
      process.stdout.write(`\n${renderSuiteTable(report)}`);
      if (values.json) await writeFile(values.json, renderSuiteJson(report));
      if (values.junit) await writeFile(values.junit, renderSuiteJunit(report));
      return suiteExitCode(report);
    } catch (error) {
      if (interrupt.signal.aborted) {
        process.stderr.write('anycast-lab chaos: interrupted; every fault the run made was taken back\n');
        return EXIT.interrupted;
      }
      throw error;
    } finally {
      interrupt.release();
    }
  },
});
