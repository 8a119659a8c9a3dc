/**
 * npm run bench:failover [-- --runs 10] [--topology world|mini] [--lab NAME] [--pool CIDR] [--keep] [--reports DIR]
 *
 * Runs the silent crash with BFD and the graceful drain N times each and prints, for the clients
 * of the failed PoP, convergence p50/p95/max and lost p50/max beside the physical floor (BFD
 * interval x multiplier). Goals: crash p95 within detection + 300 ms; drain loss 0 in every run.
 * Runs on a lab of its own (bench-failover, on a pool of its own), removed afterwards unless --keep.
 * --reports DIR keeps each run's JSON report there, to look into an outlier.
 * The repeats are the suite's (`chaos run --repeat`): this script only picks the figures.
 * --overhead also times the two scenarios as a suite (lab up once) against each alone (up, run,
 * down each), one run each, and prints the ratio.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadScenario } from '../../orchestrator/src/chaos/load-scenario.ts';
import { loadSuite, runSuite } from '../../orchestrator/src/chaos/run-suite.ts';
import { renderTable } from '../../orchestrator/src/cli/table.ts';
import { PROJECT_ROOT } from '../../orchestrator/src/project-root.ts';
import { removeLab } from '../../orchestrator/src/lab/down.ts';
import { streamProgress } from '../../orchestrator/src/progress.ts';
import { percentile } from '../../orchestrator/src/measure/latency.ts';
import { renderReportJson } from '../../orchestrator/src/report/render-report-json.ts';
import type { RunReport } from '../../orchestrator/src/report/types.ts';
import { createRuntime } from '../../orchestrator/src/runtime/create-runtime.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    topology: { type: 'string', default: 'world' },
    lab: { type: 'string', default: 'bench-failover' },
    pool: { type: 'string', default: '198.19.240.0/20' },
    keep: { type: 'boolean', default: false },
    reports: { type: 'string' },
    overhead: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const topology = values.topology.replace(/\.yaml$/, '').replace(/^.*\//, '');
if (!Number.isInteger(runs) || runs < 1 || !['world', 'mini'].includes(topology)) {
  process.stderr.write('usage: npm run bench:failover -- [--runs N] [--topology world|mini] [--lab NAME] [--pool CIDR] [--keep] [--reports DIR]\n');
  process.exit(2);
}
const prefix = topology === 'mini' ? 'mini-' : '';
const SCENARIOS = [
  { name: 'crash (BFD)', file: `${PROJECT_ROOT}topology/scenarios/${prefix}pop-crash-bfd.yaml` },
  { name: 'drain', file: `${PROJECT_ROOT}topology/scenarios/${prefix}pop-drain.yaml` },
];

const runtime = createRuntime();
const options = { lab: values.lab, pool: values.pool };

interface Sample {
  readonly passed: boolean;
  /** null: the client never settled on another PoP. */
  readonly convergenceMs: number | null;
  readonly lost: number;
}

/** The clients the first fault took from their PoP (those whose PoP before it was its target). */
function affected(report: RunReport): Sample[] {
  const fault = report.faults[0];
  if (!fault) return [{ passed: report.passed, convergenceMs: null, lost: 0 }];
  return fault.clients
    .filter((c) => c.before === fault.target)
    .map((c) => ({ passed: report.passed, convergenceMs: c.convergence_ms, lost: c.lost }));
}

const ms = (value: number | null): string => (value === null ? '-' : `${Math.round(value)} ms`);

const { scenario, plan } = await loadScenario(runtime, SCENARIOS[0]!.file, options);
const bfd = { ...plan.topology.bgp.bfd, ...scenario.bgp?.bfd };
const detectionMs = bfd.intervalMs * bfd.multiplier;
const progress = streamProgress();
const files = SCENARIOS.map((s) => s.file);

async function timedSuite(paths: readonly string[], repeat: number, down: boolean) {
  const started = Date.now();
  const report = await runSuite(runtime, await loadSuite(paths, { repeat }), { ...options, repeat, failOn: 'failed', down, progress, buildImages: false });
  return { report, wallMs: Date.now() - started };
}

let suite: Awaited<ReturnType<typeof timedSuite>>;
try {
  suite = await timedSuite(files, runs, false);
} finally {
  if (!values.keep) await removeLab(runtime, values.lab);
}
if (values.reports) {
  await mkdir(values.reports, { recursive: true });
  for (const outcome of suite.report.scenarios) {
    for (const [i, report] of outcome.reports.entries()) await writeFile(`${values.reports}/${report.scenario}-${i + 1}.json`, renderReportJson(report));
  }
}
const results = SCENARIOS.map(({ name }, i) => ({ name, samples: (suite.report.scenarios[i]?.reports ?? []).flatMap(affected) }));
const rows = results.map(({ name, samples }) => {
  const converged = samples.flatMap((s) => (s.convergenceMs === null ? [] : [s.convergenceMs]));
  const lost = samples.map((s) => s.lost);
  return [
    name,
    String(samples.length),
    ms(percentile(converged, 50)),
    ms(percentile(converged, 95)),
    ms(converged.length > 0 ? Math.max(...converged) : null),
    String(samples.length - converged.length),
    String(percentile(lost, 50) ?? '-'),
    String(lost.length > 0 ? Math.max(...lost) : '-'),
    `${samples.filter((s) => s.passed).length}/${samples.length}`,
  ];
});
const crash = results[0]!.samples.flatMap((s) => (s.convergenceMs === null ? [] : [s.convergenceMs]));
const crashP95 = percentile(crash, 95);
const goalMs = detectionMs + 300;
const drainLossless = results[1]!.samples.every((s) => s.lost === 0);
process.stdout.write(
  `\nfailover on ${topology}.yaml, ${runs} runs each; physical floor: BFD ${bfd.intervalMs} ms x ${bfd.multiplier} = ${detectionMs} ms detection\n\n` +
    renderTable(['scenario', 'samples', 'conv p50', 'conv p95', 'conv max', 'never moved', 'lost p50', 'lost max', 'passed'], rows) +
    `\n\ngoal: crash p95 <= detection + 300 ms = ${goalMs} ms: ${crashP95 !== null && crashP95 <= goalMs ? 'met' : 'missed'} (${ms(crashP95)})` +
    `\ngoal: drain loses nothing in every run: ${drainLossless ? 'met' : 'missed'}\n`,
);

if (values.overhead) {
  // One run each: the suite brings the lab up once; alone, each scenario brings it up and down.
  const alone: number[] = [];
  for (const file of files) alone.push((await timedSuite([file], 1, true)).wallMs);
  const together = await timedSuite(files, 1, true);
  const sum = alone.reduce((a, b) => a + b, 0);
  process.stdout.write(
    `\nsuite overhead, one run each: alone ${alone.map((a) => `${(a / 1000).toFixed(1)} s`).join(' + ')} = ${(sum / 1000).toFixed(1)} s; ` +
      `as one suite ${(together.wallMs / 1000).toFixed(1)} s (${((together.wallMs / sum) * 100).toFixed(0)}% of alone)\n`,
  );
}
