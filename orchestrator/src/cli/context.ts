import { AnycastLabError } from '../errors.ts';
import { listLabs } from '../lab/down.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';

/** The lab a command acts on: the one named, else the only one that exists. */
export async function resolveLab(runtime: ContainerRuntime, named: string | undefined): Promise<string> {
  if (named) return named;
  const labs = await listLabs(runtime);
  if (labs.length === 1) return labs[0]!;
  if (labs.length === 0) throw new AnycastLabError('LAB_NOT_FOUND', 'no lab is up (start one with `anycast-lab up topology/world.yaml`)');
  throw new AnycastLabError('USAGE', `several labs are up (${labs.join(', ')}): name one`);
}
