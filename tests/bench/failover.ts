/**
 * npm run bench:failover [-- --runs 10] [--topology world|mini] [--lab NAME] [--pool CIDR] [--keep] [--reports DIR]
 *
 * Runs the silent crash with BFD and the graceful drain N times each and prints, for the clients
 * of the failed PoP, convergence p50/p95/max and lost p50/max beside the physical floor (BFD
 * interval x multiplier). Goals: crash p95 within detection + 300 ms; drain loss 0 in every run.
 * Runs on a lab of its own (bench-failover, on a pool of its own), removed afterwards unless --keep.
 * --reports DIR keeps each run's JSON report there, to look into an outlier.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadScenario } from '../../orchestrator/src/chaos/load-scenario.ts';
import { runScenario } from '../../orchestrator/src/chaos/runner.ts';
import { renderTable } from '../../orchestrator/src/cli/table.ts';
import { PROJECT_ROOT } from '../../orchestrator/src/host/bundle.ts';
import { removeLab } from '../../orchestrator/src/lab/down.ts';
import { streamProgress } from '../../orchestrator/src/progress.ts';
import { percentile } from '../../orchestrator/src/measure/latency.ts';
import { renderReportJson } from '../../orchestrator/src/report/render-report-json.ts';
import type { RunReport } from '../../orchestrator/src/report/types.ts';
import { DockerRuntime } from '../../orchestrator/src/runtime/docker.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    topology: { type: 'string', default: 'world' },
    lab: { type: 'string', default: 'bench-failover' },
    pool: { type: 'string', default: '198.19.240.0/20' },
    keep: { type: 'boolean', default: false },
    reports: { type: 'string' },
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

const runtime = new DockerRuntime();
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
const results: { name: string; samples: Sample[] }[] = [];
try {
  for (const { name, file } of SCENARIOS) {
    const samples: Sample[] = [];
    for (let i = 1; i <= runs; i++) {
      const report = await runScenario(runtime, file, { ...options, progress: i === 1 ? progress : undefined });
      if (values.reports) {
        await mkdir(values.reports, { recursive: true });
        await writeFile(`${values.reports}/${report.scenario}-${i}.json`, renderReportJson(report));
      }
      const found = affected(report);
      samples.push(...found);
      const failed = report.expectations.filter((e) => !e.passed).map((e) => `${e.name}: ${e.observed ?? '-'}`);
      progress.step(`${name} ${i}/${runs}: ${found.map((s) => `${ms(s.convergenceMs)}, ${s.lost} lost`).join('; ')}${failed.length > 0 ? ` (failed: ${failed.join('; ')})` : ''}`);
    }
    results.push({ name, samples });
  }
} finally {
  if (!values.keep) await removeLab(runtime, values.lab);
}

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
