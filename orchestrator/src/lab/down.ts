import { hostSetupSpec, imageRef, LABEL } from '../render/lab-spec.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';

export interface DownResult {
  readonly containers: number;
  readonly networks: number;
}

/** Takes back what lab-bridges opened for these networks (best effort: the bridges are gone already). */
async function closeBridges(runtime: ContainerRuntime, bridges: readonly string[]): Promise<void> {
  if (bridges.length === 0 || !(await runtime.imageExists(imageRef('router')))) return;
  const spec = hostSetupSpec(`anycast-lab-bridges-cleanup-${process.pid}`, {}, ['remove', ...bridges]);
  await runtime.runHostSetup(spec, imageRef(spec.image));
}

/** Removes everything labelled with the lab (or with any lab: `lab` undefined), found by label alone. */
export async function removeLab(runtime: ContainerRuntime, lab: string | undefined): Promise<DownResult> {
  const filter = { [LABEL.lab]: lab };
  const containers = await runtime.listContainers(filter);
  // One at a time: Docker 20.10 can leave a stale endpoint behind (and then refuse to remove the
  // network) when many containers of one network are force-removed at once.
  for (const c of containers) await runtime.removeContainer(c.name);
  const networks = await runtime.listNetworks(filter);
  for (const n of networks) await runtime.removeNetwork(n.name);
  await closeBridges(runtime, networks.map((n) => n.bridge));
  return { containers: containers.length, networks: networks.length };
}

/** The labs that exist, by label. */
export async function listLabs(runtime: ContainerRuntime): Promise<string[]> {
  const [containers, networks] = await Promise.all([runtime.listContainers({ [LABEL.lab]: undefined }), runtime.listNetworks({ [LABEL.lab]: undefined })]);
  return [...new Set([...containers, ...networks].map((x) => x.labels[LABEL.lab]!))].sort();
}
