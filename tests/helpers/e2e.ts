import { loadTopology, type TopologyOverrides } from '../../orchestrator/src/model/topology.ts';
import type { Topology } from '../../orchestrator/src/model/types.ts';
import { forgetLabState } from '../../orchestrator/src/chaos/lab-state.ts';
import { removeLab } from '../../orchestrator/src/lab/down.ts';
import { silentProgress } from '../../orchestrator/src/progress.ts';
import { upLab, type UpOptions, type UpResult } from '../../orchestrator/src/lab/up.ts';
import { createRuntime } from '../../orchestrator/src/runtime/create-runtime.ts';
import { ROOT } from './topologies.ts';

/**
 * End-to-end tests run real labs under names and pools of their own, so they never touch a lab
 * a person has up (world on 198.18.0.0/16, mini on 198.19.0.0/17).
 */
export const E2E_POOLS = {
  lab: '198.19.128.0/19',
  chaos: '198.19.160.0/20',
  attack: '198.19.176.0/20',
  edge: '198.19.192.0/19',
  suite: '198.19.224.0/20',
  reliability: '198.19.240.0/20',
  monitoring: '10.251.0.0/21',
  browser: '10.251.8.0/21',
  lessons: '10.251.16.0/21',
  lessonsWorld: '10.252.0.0/16',
} as const;

export const runtime = createRuntime();

export function e2eTopology(file: 'mini' | 'world', overrides: TopologyOverrides): Promise<Topology> {
  return loadTopology(`${ROOT}topology/${file}.yaml`, overrides);
}

export async function upE2eLab(topology: Topology, options: UpOptions = {}): Promise<UpResult> {
  return upLab(runtime, topology, silentProgress, { readyTimeoutMs: 180_000, ...options });
}

export async function removeE2eLab(lab: string): Promise<void> {
  await removeLab(runtime, lab);
  await forgetLabState(lab);
}
