import { POOL_LENGTHS } from '../model/check-addressing.ts';
import { formatCidr, parseCidr, maskSize } from '../net/ipv4.ts';
import { LABEL } from '../../../contracts/labels.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';

/**
 * The addressing pool a running lab was made from, read back from its networks: the plan carves
 * /24 blocks from the pool's start upwards (management first), so the smallest aligned prefix
 * holding every network starts where the pool did and yields the same addresses.
 */
export function poolCovering(subnets: readonly string[]): string | undefined {
  const cidrs = subnets.map(parseCidr).filter((c) => c !== undefined);
  if (cidrs.length === 0) return undefined;
  const first = Math.min(...cidrs.map((c) => c.network));
  const end = Math.max(...cidrs.map((c) => c.network + maskSize(c.length)));
  let length = POOL_LENGTHS.smallest;
  while (length > 0 && (first % maskSize(length) !== 0 || first + maskSize(length) < end)) length--;
  return formatCidr({ network: first - (first % maskSize(length)), length });
}

/** The pool of the lab with this name, if it is up. */
export async function runningLabPool(runtime: ContainerRuntime, lab: string): Promise<string | undefined> {
  const networks = await runtime.listNetworks({ [LABEL.lab]: lab });
  return poolCovering(networks.flatMap((n) => n.subnets));
}
