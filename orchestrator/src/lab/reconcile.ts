import { LABEL } from '../../../contracts/labels.ts';
import type { ContainerSpec, LabSpec, NetworkSpec } from '../render/lab-spec-types.ts';
import type { ImageName } from '../../../contracts/images.ts';
import type { ObservedContainer, ObservedNetwork } from '../runtime/runtime.ts';

/**
 * What `up` must do to turn what exists into what the spec says, as data (pure): containers whose
 * spec or image changed or that are not running are replaced; networks whose subnet changed are replaced
 * (and with them every container of the lab). A lab that matches its spec needs nothing.
 */
export interface ReconcilePlan {
  readonly removeContainers: readonly string[];
  readonly removeNetworks: readonly string[];
  readonly createNetworks: readonly NetworkSpec[];
  readonly createContainers: readonly ContainerSpec[];
  readonly unchanged: number;
}

export function planReconcile(
  spec: LabSpec,
  containers: readonly ObservedContainer[],
  networks: readonly ObservedNetwork[],
  imageIds: Readonly<Partial<Record<ImageName, string>>> = {},
): ReconcilePlan {
  const wantedNetworks = new Map(spec.networks.map((n) => [n.name, n]));
  const staleNetworks = networks.filter((n) => {
    const want = wantedNetworks.get(n.name);
    return !want || n.subnets.length !== 1 || n.subnets[0] !== want.subnet;
  });
  const haveNetworks = new Set(networks.filter((n) => !staleNetworks.includes(n)).map((n) => n.name));
  const rebuildAll = staleNetworks.some((n) => wantedNetworks.has(n.name));

  const wantedContainers = new Map(spec.containers.map((c) => [c.name, c]));
  const keep = new Set(
    rebuildAll
      ? []
      : containers
          .filter((c) => {
            const want = wantedContainers.get(c.name);
            if (want === undefined || c.state !== 'running' || c.labels[LABEL.specHash] !== want.labels[LABEL.specHash]) return false;
            // A rebuilt image (new edge code, say) replaces the containers made from the old one.
            const current = imageIds[want.image];
            return current === undefined || c.imageId === current;
          })
          .map((c) => c.name),
  );
  return {
    removeContainers: containers.filter((c) => !keep.has(c.name)).map((c) => c.name),
    removeNetworks: staleNetworks.map((n) => n.name),
    createNetworks: spec.networks.filter((n) => !haveNetworks.has(n.name)),
    createContainers: spec.containers.filter((c) => !keep.has(c.name)),
    unchanged: keep.size,
  };
}

export function isNoop(plan: ReconcilePlan): boolean {
  return plan.removeContainers.length + plan.removeNetworks.length + plan.createNetworks.length + plan.createContainers.length === 0;
}
