import { AnycastLabError } from '../errors.ts';
import { runLabBridgesOnHost } from '../host/lab-firewall.ts';
import { imageRef } from '../../../contracts/images.ts';
import { LABEL } from '../../../contracts/labels.ts';
import { hostSetupCommand, hostSetupSpec } from '../render/host-setup.ts';
import type { ContainerRuntime, ExecResult } from '../runtime/runtime.ts';

export interface DownResult {
  readonly containers: number;
  readonly networks: number;
}

/**
 * Removes every DOCKER-USER rule of the lab, found by its comment (and the uncommented rules older
 * versions wrote for `bridges`): in a helper container from the router image, or on the host
 * itself when that image is missing. Throws when lab-bridges reports a failure.
 */
export async function closeLabFirewall(runtime: ContainerRuntime, lab: string, bridges: readonly string[] = []): Promise<void> {
  const command = hostSetupCommand(lab, bridges, 'remove');
  let result: ExecResult;
  let how: string;
  if (await runtime.imageExists(imageRef('router'))) {
    const spec = hostSetupSpec(`${lab}-bridges-cleanup-${process.pid}`, { [LABEL.lab]: lab }, command);
    result = await runtime.runHostSetup(spec, imageRef(spec.image));
    how = `lab-bridges in ${imageRef(spec.image)}`;
  } else {
    result = await runLabBridgesOnHost(command);
    how = `images/common/lab-bridges on the host (image ${imageRef('router')} is missing)`;
  }
  if (result.exitCode !== 0) {
    throw new AnycastLabError(
      'LAB_CONFLICT',
      `${how} could not remove the DOCKER-USER rules of lab ${lab} (exit ${result.exitCode}): ${`${result.stdout}${result.stderr}`.trim()}; ` +
        `\`iptables -S DOCKER-USER\` lists them (comment anycast-lab:${lab})`,
    );
  }
}

/** Runs every step, whatever the earlier ones did; each failure is kept, and all are thrown together at the end. */
async function everyStep(steps: readonly (() => Promise<void>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    throw new AnycastLabError('LAB_CONFLICT', failures.map((f) => (f as Error).message).join('\n'), { cause: failures[0] });
  }
}

/**
 * Removes everything labelled with the lab (or with any lab: `lab` undefined), found by label
 * alone, and the lab's host firewall rules, found by their comment. Every part is tried even when
 * another failed (a network Docker will not remove leaves no rule behind); failures are thrown after.
 */
export async function removeLab(runtime: ContainerRuntime, lab: string | undefined): Promise<DownResult> {
  const filter = { [LABEL.lab]: lab };
  const containers = await runtime.listContainers(filter);
  const networks = await runtime.listNetworks(filter);
  const labs = lab === undefined ? [...new Set([...containers, ...networks].map((x) => x.labels[LABEL.lab]!))] : [lab];
  await everyStep([
    // One at a time: Docker 20.10 can leave a stale endpoint behind (and then refuse to remove the
    // network) when many containers of one network are force-removed at once.
    ...containers.map((c) => () => runtime.removeContainer(c.name)),
    ...networks.map((n) => () => runtime.removeNetwork(n.name)),
    ...labs.map((name) => () => closeLabFirewall(runtime, name, networks.filter((n) => n.labels[LABEL.lab] === name).map((n) => n.bridge))),
  ]);
  return { containers: containers.length, networks: networks.length };
}

/** The labs that exist, by label. */
export async function listLabs(runtime: ContainerRuntime): Promise<string[]> {
  const [containers, networks] = await Promise.all([runtime.listContainers({ [LABEL.lab]: undefined }), runtime.listNetworks({ [LABEL.lab]: undefined })]);
  return [...new Set([...containers, ...networks].map((x) => x.labels[LABEL.lab]!))].sort();
}
