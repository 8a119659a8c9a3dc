import { writeFile } from 'node:fs/promises';
import { runScenario } from '../../chaos/runner.ts';
import { streamProgress } from '../../progress.ts';
import { renderJunitXml } from '../../report/render-junit-xml.ts';
import { renderReportJson } from '../../report/render-report-json.ts';
import { renderReportTable } from '../../report/render-report-table.ts';
import { durationFlag, usageError } from '../args.ts';
import { defineCommand, LAB_FLAG } from '../command.ts';
import { connectRuntime } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { abortOnInterrupt } from '../interrupt.ts';

export const chaosCommand = defineCommand({
  name: 'chaos',
  summary: 'run a chaos scenario: steady state, timed faults, probes on one clock, measured convergence and loss, expectations',
  usage: 'run SCENARIO [flags]',
  flags: {
    json: { type: 'string', value: 'FILE', help: 'also write the report as JSON to FILE' },
    junit: { type: 'string', value: 'FILE', help: 'also write the expectations as JUnit XML to FILE' },
    ...LAB_FLAG,
    pool: { type: 'string', value: 'CIDR', help: 'address pool, when the lab is not up yet and must be brought up' },
    settle: { type: 'string', value: 'DURATION', help: 'how long to wait for the steady state before the first step (default 60s)' },
    'no-build': { type: 'boolean', help: 'do not rebuild the lab images when the lab must be brought up' },
  },
  details: `Brings the scenario's lab up if it is not, checks the steady-state hypothesis, runs the steps,
reverts every fault (also on failure, Ctrl-C or SIGTERM) and checks the hypothesis again.
Exit code 0 when every expectation held, 1 when one failed, 3 when the run itself broke, 130 when interrupted.
Scenario format: topology/scenarios/README.md and docs/chaos.md.`,
  async run({ values, positionals }) {
    const [sub, file, ...extra] = positionals;
    if (sub !== 'run' || file === undefined || extra.length > 0) throw usageError('chaos', 'expected `chaos run SCENARIO`');
    const settleTimeoutMs = durationFlag('chaos', 'settle', values.settle, 60_000);
    const runtime = await connectRuntime();
    const interrupt = abortOnInterrupt({
      cleaning: 'taking back every fault',
      leftover: () => `faults may be left in force: anycast-lab fault revert --all${values.lab ? ` --lab ${values.lab}` : ''}`,
    });
    try {
      const report = await runScenario(runtime, file, {
        ...(values.lab ? { lab: values.lab } : {}),
        ...(values.pool ? { pool: values.pool } : {}),
        progress: streamProgress(),
        signal: interrupt.signal,
        buildImages: !values['no-build'],
        settleTimeoutMs,
      });
      process.stdout.write(`\n${renderReportTable(report)}`);
      if (report.faults.length === 0 && report.expectations.some((e) => e.phase === 'before' && !e.passed)) {
        process.stdout.write('\nthe steady state did not hold before the first step, so no fault was injected\n');
      }
      if (values.json) await writeFile(values.json, renderReportJson(report));
      if (values.junit) await writeFile(values.junit, renderJunitXml(report));
      return report.passed ? EXIT.ok : EXIT.failed;
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
