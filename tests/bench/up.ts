/**
 * npm run bench:up — for mini and world: seconds from `up` to ready, containers and networks made,
 * the lab's memory (sum over containers), and the same lab started by `docker-compose up -d` of its
 * rendered compose file as the baseline. Prints numbers; asserts nothing.
 * Runs under lab names of its own (bench-mini, bench-world) on the files' pools, removed afterwards.
 */
import { loadTopology } from '../../orchestrator/src/model/topology.ts';
import type { Topology } from '../../orchestrator/src/model/types.ts';
import { planAddresses } from '../../orchestrator/src/plan/addressing.ts';
import { renderLabSpec } from '../../orchestrator/src/render/lab-spec.ts';
import { removeLab } from '../../orchestrator/src/lab/down.ts';
import { silentProgress } from '../../orchestrator/src/progress.ts';
import { upLab } from '../../orchestrator/src/lab/up.ts';
import { ensureImages } from '../../orchestrator/src/host/setup.ts';
import { createRuntime } from '../../orchestrator/src/runtime/create-runtime.ts';
import { renderTable } from '../../orchestrator/src/cli/table.ts';
import { labMemoryMiB, timeCompose } from './helpers/lab-timing.ts';
import { PROJECT_ROOT } from '../../orchestrator/src/project-root.ts';

const runtime = createRuntime();
// The files' own pools: stop a mini or world lab before benchmarking.
const LABS = [
  { file: 'mini', lab: 'bench-mini' },
  { file: 'world', lab: 'bench-world' },
] as const;

async function timeOrchestrator(topology: Topology): Promise<{ seconds: number; memory: number }> {
  const started = Date.now();
  await upLab(runtime, topology, silentProgress, { readyTimeoutMs: 300_000, buildImages: false });
  const seconds = (Date.now() - started) / 1000;
  const memory = await labMemoryMiB(topology.lab);
  await removeLab(runtime, topology.lab);
  return { seconds, memory };
}

await ensureImages(runtime, silentProgress);
const rows: string[][] = [];
for (const { file, lab } of LABS) {
  const topology = await loadTopology(`${PROJECT_ROOT}topology/${file}.yaml`, { lab });
  const spec = renderLabSpec(planAddresses(topology));
  await removeLab(runtime, lab);
  const orchestrator = await timeOrchestrator(topology);
  const compose = (await timeCompose(runtime, topology)).upSeconds;
  rows.push([
    file,
    String(spec.containers.length),
    String(spec.networks.length),
    orchestrator.seconds.toFixed(1),
    compose.toFixed(1),
    (orchestrator.seconds / compose).toFixed(2),
    orchestrator.memory.toFixed(0),
  ]);
  process.stdout.write(`${file}: up ${orchestrator.seconds.toFixed(1)} s, compose ${compose.toFixed(1)} s\n`);
}
process.stdout.write(
  `\n${renderTable(['lab', 'containers', 'networks', 'up->ready s', 'compose->ready s', 'up/compose', 'memory MiB'], rows)}\n` +
    `\ngoal: world ready in under 30 s on 2 cores, no slower than compose (ratio <= 1)\n`,
);
