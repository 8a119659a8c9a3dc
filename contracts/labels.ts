/**
 * Labels on everything a lab creates (containers, networks, images): `down` finds what to remove by
 * them even after a crash, and `up` compares the spec hash to tell what changed.
 */
export const LABEL = {
  lab: 'anycast-lab.lab',
  node: 'anycast-lab.node',
  role: 'anycast-lab.role',
  /** The PoP, client network or botnet a node belongs to. */
  group: 'anycast-lab.group',
  network: 'anycast-lab.network',
  specHash: 'anycast-lab.spec-hash',
  /** On images: the hash of the build context they were built from. */
  contextHash: 'anycast-lab.context-hash',
} as const;

/** The `role` label of the one-shot container that opens the lab's bridges on the host. */
export const HOST_SETUP_ROLE = 'host-setup';

/** The `role` label of the lab's Prometheus (`up --monitoring`), which is no node of the topology. */
export const MONITORING_ROLE = 'monitoring';
