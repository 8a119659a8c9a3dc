import type { ImageName } from '../../../contracts/images.ts';
import type { MONITORING_ROLE } from '../../../contracts/labels.ts';
import type { NodeRole } from '../plan/types.ts';

/**
 * What the runtime creates, as data: Docker networks and containers with every label, address,
 * capability, sysctl and environment variable. Both the Docker runtime and the compose renderer
 * read this, so `anycast-lab up` and `docker compose up` make the same lab.
 */

export interface NetworkSpec {
  readonly name: string;
  readonly key: string;
  /** Host bridge device, named so that host-side rules can be written before the network exists. */
  readonly bridge: string;
  readonly subnet: string;
  readonly gateway: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Docker's restart policies the lab uses (the same names in compose and the engine API). */
export type RestartPolicy = 'no' | 'on-failure';

/** A node's role, or the lab's Prometheus (`up --monitoring`), which is no node of the topology. */
export type ContainerRole = NodeRole | typeof MONITORING_ROLE;

export interface ContainerSpec {
  readonly name: string;
  readonly node: string;
  readonly role: ContainerRole;
  readonly hostname: string;
  readonly image: ImageName;
  readonly labels: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly capAdd: readonly string[];
  /** Host devices passed in: `/dev/net/tun` where a link of the node may be on a wire. */
  readonly devices: readonly string[];
  readonly sysctls: Readonly<Record<string, string>>;
  readonly restart: RestartPolicy;
  /** Management network first, then the data-plane networks. */
  readonly networks: readonly { readonly network: string; readonly address: string }[];
}

/** A one-shot container in the host's network namespace (see images/common/lab-bridges). */
export interface HostSetupSpec {
  readonly name: string;
  readonly image: ImageName;
  readonly labels: Readonly<Record<string, string>>;
  readonly capAdd: readonly string[];
  readonly entrypoint: readonly string[];
  readonly command: readonly string[];
}

export interface LabSpec {
  readonly lab: string;
  readonly networks: readonly NetworkSpec[];
  readonly containers: readonly ContainerSpec[];
  /** Lets a lab's links carry transit traffic despite Docker's internal-network isolation. */
  readonly hostSetup: HostSetupSpec;
}
