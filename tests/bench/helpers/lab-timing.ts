import { mkdirSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { removeLab } from '../../../orchestrator/src/lab/down.ts';
import { waitUntilReady } from '../../../orchestrator/src/lab/readiness.ts';
import type { Topology } from '../../../orchestrator/src/model/types.ts';
import { planAddresses } from '../../../orchestrator/src/plan/addressing.ts';
import { PROJECT_ROOT } from '../../../orchestrator/src/project-root.ts';
import { renderCompose } from '../../../orchestrator/src/render/compose.ts';
import { renderLabSpec } from '../../../orchestrator/src/render/lab-spec.ts';
import type { ContainerRuntime } from '../../../orchestrator/src/runtime/runtime.ts';

/** What the up and scale benchmarks measure of a lab: memory by `docker stats`, and the Compose file's own up as the reference. */

/** The lab's memory now, summed over its containers (MiB). */
export async function labMemoryMiB(lab: string): Promise<number> {
  const { stdout } = await execa('docker', ['stats', '--no-stream', '--format', '{{.Name}} {{.MemUsage}}']);
  const units: Record<string, number> = { KiB: 1 / 1024, MiB: 1, GiB: 1024, B: 1 / 1048576 };
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`${lab}-`))
    .reduce((sum, line) => {
      const match = /\s([\d.]+)(KiB|MiB|GiB|B)\s/.exec(line);
      return sum + (match ? Number(match[1]) * units[match[2]!]! : 0);
    }, 0);
}

/** Seconds from `docker-compose up -d` of the lab's rendered file to ready, and from then to removed. */
export async function timeCompose(runtime: ContainerRuntime, topology: Topology, readyTimeoutMs = 300_000): Promise<{ upSeconds: number; downSeconds: number }> {
  const plan = planAddresses(topology);
  const dir = `${PROJECT_ROOT}.anycast-lab/bench`;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/${topology.lab}.compose.yml`;
  writeFileSync(file, renderCompose(renderLabSpec(plan), `topology/${topology.lab}.yaml`));
  const started = Date.now();
  let upSeconds = Number.NaN;
  let downSeconds = Number.NaN;
  try {
    await execa('docker-compose', ['-p', topology.lab, '-f', file, 'up', '-d', '--no-build'], { cwd: dir });
    await waitUntilReady(runtime, plan, { timeoutMs: readyTimeoutMs });
    upSeconds = (Date.now() - started) / 1000;
  } finally {
    const downStarted = Date.now();
    await removeLab(runtime, topology.lab);
    downSeconds = (Date.now() - downStarted) / 1000;
  }
  return { upSeconds, downSeconds };
}
