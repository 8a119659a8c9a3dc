import { AnycastLabError } from '../errors.ts';
import { loadTopology, type TopologyOverrides } from '../model/topology.ts';
import { planAddresses } from '../plan/addressing.ts';
import type { AddressPlan } from '../plan/types.ts';
import { containerName, networkName } from '../render/resource-names.ts';
import { LABEL } from '../../../contracts/labels.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import { runningLabPool } from './lab-pool.ts';

/**
 * The addressing plan of a lab from its topology file. Without a pool given, a lab that is up
 * keeps the pool it was made with (read back from its networks), so that `--pool` need not be
 * repeated after `up --pool`.
 */
export async function loadLabPlan(runtime: ContainerRuntime, topologyFile: string, overrides: TopologyOverrides = {}): Promise<AddressPlan> {
  const topology = await loadTopology(topologyFile, overrides);
  const pool = overrides.pool ?? (await runningLabPool(runtime, topology.lab));
  const placed = pool === undefined || pool === topology.addressing.pool ? topology : await loadTopology(topologyFile, { ...overrides, pool });
  return planAddresses(placed);
}

/** Throws unless the lab is up and was made from this plan (every node there, at its management address). */
export async function checkLabMatches(runtime: ContainerRuntime, plan: AddressPlan): Promise<void> {
  const containers = await runtime.listContainers({ [LABEL.lab]: plan.lab });
  if (containers.length === 0) throw new AnycastLabError('LAB_NOT_FOUND', `no lab named "${plan.lab}" is up (start it with \`anycast-lab up ${plan.topology.file} --name ${plan.lab}\`)`);
  const mgmt = networkName(plan.lab, 'mgmt');
  const strays = plan.nodes.filter((node) => containers.find((c) => c.name === containerName(plan.lab, node.name))?.addresses[mgmt] !== node.mgmtAddress);
  if (strays.length > 0) {
    throw new AnycastLabError(
      'USAGE',
      `lab ${plan.lab} was not made from ${plan.topology.file} (${strays.map((n) => n.name).slice(0, 5).join(', ')} differ or are missing): ` +
        'name the topology it was brought up with (--topology)',
    );
  }
}
