import { AnycastLabError } from '../errors.ts';
import { DockerRuntime } from './docker.ts';
import type { ContainerRuntime } from './runtime.ts';

/** Which container runtime the orchestrator drives: the one place that names an implementation. */

export const RUNTIME_KINDS = ['docker'] as const;
export type RuntimeKind = (typeof RUNTIME_KINDS)[number];

/** Picks the runtime when none is passed; unset means docker. */
export const RUNTIME_ENV = 'ANYCAST_LAB_RUNTIME';

export function createRuntime(kind: string = process.env[RUNTIME_ENV] || 'docker'): ContainerRuntime {
  switch (kind) {
    case 'docker':
      return new DockerRuntime();
    default:
      throw new AnycastLabError('USAGE', `unknown container runtime "${kind}" (${RUNTIME_ENV}); known: ${RUNTIME_KINDS.join(', ')}`);
  }
}
