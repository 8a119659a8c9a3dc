import { LABEL } from '../../../contracts/labels.ts';
import type { LabSpec } from '../render/lab-spec-types.ts';
import type { ObservedContainer, ObservedNetwork } from '../runtime/runtime.ts';

/**
 * The containers and networks that carry a name the lab would create but are not the lab's (pure):
 * another lab's whose name shares a dash prefix (lab `a`'s node `b-c` and lab `a-b`'s node `c` are
 * both `a-b-c`), or nobody's. `up` refuses to start over them rather than replace or reuse them.
 */
export function findNameConflicts(spec: LabSpec, containers: readonly ObservedContainer[], networks: readonly ObservedNetwork[]): string[] {
  const owner = (labels: Readonly<Record<string, string>>): string => (labels[LABEL.lab] ? `lab ${labels[LABEL.lab]}` : 'no lab of anycast-lab');
  const wantedContainers = new Set([...spec.containers.map((c) => c.name), spec.hostSetup.name]);
  const wantedNetworks = new Set(spec.networks.map((n) => n.name));
  return [
    ...containers.filter((c) => wantedContainers.has(c.name) && c.labels[LABEL.lab] !== spec.lab).map((c) => `container ${c.name} belongs to ${owner(c.labels)}`),
    ...networks.filter((n) => wantedNetworks.has(n.name) && n.labels[LABEL.lab] !== spec.lab).map((n) => `network ${n.name} belongs to ${owner(n.labels)}`),
  ];
}
