import { fileURLToPath } from 'node:url';
import { loadTopology } from '../../orchestrator/src/model/topology.ts';
import type { Topology } from '../../orchestrator/src/model/types.ts';
import { planAddresses } from '../../orchestrator/src/plan/addressing.ts';
import type { AddressPlan } from '../../orchestrator/src/plan/types.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function shippedTopology(name: 'mini' | 'world'): Promise<Topology> {
  return loadTopology(`${ROOT}topology/${name}.yaml`);
}

export async function shippedPlan(name: 'mini' | 'world'): Promise<AddressPlan> {
  return planAddresses(await shippedTopology(name));
}
