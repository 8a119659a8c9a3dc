import { join } from 'node:path';
import { execa } from 'execa';
import type { ExecResult } from '../runtime/runtime.ts';
import { PROJECT_ROOT } from '../project-root.ts';

/**
 * images/common/lab-bridges run on the host itself: how `down` still removes a lab's DOCKER-USER
 * rules when the router image (which normally runs it, in the host's network namespace) is gone.
 * Needs root and iptables on the host.
 */
export async function runLabBridgesOnHost(command: readonly string[]): Promise<ExecResult> {
  const result = await execa('bash', [join(PROJECT_ROOT, 'images', 'common', 'lab-bridges'), ...command], { reject: false, all: false });
  return { exitCode: result.exitCode ?? 1, stdout: result.stdout, stderr: result.stderr };
}
