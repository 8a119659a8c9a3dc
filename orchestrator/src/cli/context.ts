import { AnycastLabError } from '../errors.ts';
import { listLabs } from '../lab/down.ts';
import { LAB_NAME_PATTERN } from '../model/read-topology-values.ts';
import { createRuntime } from '../runtime/create-runtime.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';

/** The topology commands use when none is named. */
export const DEFAULT_TOPOLOGY = 'topology/world.yaml';

/** The container runtime every command talks to, checked to answer. */
export async function connectRuntime(): Promise<ContainerRuntime> {
  const runtime = createRuntime();
  await runtime.ping();
  return runtime;
}


/** A lab name from the command line; it becomes file and container names, so never a path. */
export function checkLabName(named: string): string {
  if (!LAB_NAME_PATTERN.test(named)) {
    throw new AnycastLabError('USAGE', `--lab "${named.slice(0, 40)}": a lab name is lowercase letters, digits, "_", "." and "-", starting with a letter or digit, at most 40 characters`);
  }
  return named;
}

/** The lab a command acts on: the one named, else the only one that exists. */
export async function resolveLab(runtime: ContainerRuntime, named: string | undefined): Promise<string> {
  if (named !== undefined) return checkLabName(named);
  const labs = await listLabs(runtime);
  if (labs.length === 1) return labs[0]!;
  if (labs.length === 0) throw new AnycastLabError('LAB_NOT_FOUND', 'no lab is up (start one with `anycast-lab up topology/world.yaml`)');
  throw new AnycastLabError('USAGE', `several labs are up (${labs.join(', ')}): name one with --lab`);
}
