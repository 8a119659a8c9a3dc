import type { AddressPlan } from '../../plan/types.ts';
import { containerName } from '../../render/resource-names.ts';
import type { ContainerRuntime } from '../../runtime/runtime.ts';
import type { KernelFeatures } from '../../plan/link-carrier.ts';

/** What this kernel can do, asked of one of the lab's routers (`lab-impair probe`: netem or not). */
export async function probeKernel(runtime: ContainerRuntime, plan: AddressPlan): Promise<KernelFeatures> {
  const router = plan.nodes.find((n) => n.role === 'transit') ?? plan.nodes.find((n) => n.asn !== undefined)!;
  const result = await runtime.exec(containerName(plan.lab, router.name), ['lab-impair', 'probe'], { timeoutMs: 10_000 });
  return { netem: result.exitCode === 0 && result.stdout.trim() === 'netem' };
}
