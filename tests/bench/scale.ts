/**
 * npm run bench:scale [-- --pops 4,16,32,50] [--no-bfd] — for labs of N PoPs (two servers each):
 * containers, seconds from `up` to ready (or why not), seconds to `down`, memory in all and per
 * container, and the same lab by `docker-compose up -d` of its rendered file as the reference.
 * Prints numbers; asserts nothing. Runs under lab names of its own (bench-scale-N) on 10.253.0.0/16.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderTable } from '../../orchestrator/src/cli/table.ts';
import { ensureImages } from '../../orchestrator/src/host/setup.ts';
import { removeLab } from '../../orchestrator/src/lab/down.ts';
import { upLab } from '../../orchestrator/src/lab/up.ts';
import { loadTopology } from '../../orchestrator/src/model/topology.ts';
import { planAddresses } from '../../orchestrator/src/plan/addressing.ts';
import { silentProgress } from '../../orchestrator/src/progress.ts';
import { PROJECT_ROOT } from '../../orchestrator/src/project-root.ts';
import { renderLabSpec } from '../../orchestrator/src/render/lab-spec.ts';
import { createRuntime } from '../../orchestrator/src/runtime/create-runtime.ts';
import { labMemoryMiB, timeCompose } from './helpers/lab-timing.ts';
import { scaleTopologyYaml } from './helpers/scale-topology.ts';

const { values } = parseArgs({ options: { pops: { type: 'string', default: '4,16,32' }, 'no-bfd': { type: 'boolean', default: false }, 'no-compose': { type: 'boolean', default: false } } });
const sizes = values.pops.split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 2 && n <= 60);
const READY_TIMEOUT_MS = 300_000;
const runtime = createRuntime();
const dir = `${PROJECT_ROOT}.anycast-lab/bench`;
mkdirSync(dir, { recursive: true });

const seconds = (ms: number): string => (ms / 1000).toFixed(1);
await ensureImages(runtime, silentProgress);
const rows: string[][] = [];
for (const pops of sizes) {
  const lab = `bench-scale-${pops}`;
  const file = `${dir}/${lab}.yaml`;
  writeFileSync(file, scaleTopologyYaml(pops, { lab, pool: '10.253.0.0/16', bfd: !values['no-bfd'] }));
  const topology = await loadTopology(file);
  const containers = renderLabSpec(planAddresses(topology)).containers.length;
  await removeLab(runtime, lab);
  const started = Date.now();
  let ready = '';
  let memory = Number.NaN;
  try {
    await upLab(runtime, topology, silentProgress, { readyTimeoutMs: READY_TIMEOUT_MS, buildImages: false });
    ready = seconds(Date.now() - started);
    memory = await labMemoryMiB(lab);
  } catch (error) {
    ready = `not ready in ${seconds(Date.now() - started)} s: ${(error as Error).message.split('\n')[0]!.slice(0, 80)}`;
    memory = await labMemoryMiB(lab);
  }
  const downStarted = Date.now();
  await removeLab(runtime, lab);
  const down = seconds(Date.now() - downStarted);
  const compose = values['no-compose'] ? undefined : await timeCompose(runtime, topology, READY_TIMEOUT_MS).catch((error: Error) => ({ upSeconds: Number.NaN, downSeconds: Number.NaN, error }));
  rows.push([
    String(pops),
    String(containers),
    ready,
    down,
    memory.toFixed(0),
    (memory / containers).toFixed(1),
    compose ? (Number.isNaN(compose.upSeconds) ? 'not ready' : compose.upSeconds.toFixed(1)) : '-',
    compose ? compose.downSeconds.toFixed(1) : '-',
  ]);
  process.stdout.write(`${pops} PoPs (${containers} containers): up ${ready} s, down ${down} s, ${memory.toFixed(0)} MiB\n`);
}
process.stdout.write(
  `\n${renderTable(['PoPs', 'containers', 'up->ready s', 'down s', 'MiB', 'MiB/container', 'compose->ready s', 'compose down s'], rows)}\n` +
    `\nBFD ${values['no-bfd'] ? 'off (hold timers only)' : '100 ms x 3'}; goal (issue 12): 50 PoPs ready in under 120 s and 8 GiB, down in under 60 s, on 2 cores\n`,
);
