import { LABEL } from '../../../contracts/labels.ts';
import { HOST_SETUP_NODE } from '../model/generated-names.ts';
import type { AddressPlan } from '../plan/types.ts';
import { containerSpec } from './container-spec.ts';
import { hostSetupCommand, hostSetupSpec } from './host-setup.ts';
import type { LabSpec } from './lab-spec-types.ts';
import { monitoringContainerSpec } from './monitoring-spec.ts';
import { bridgeName, containerName, networkName } from './resource-names.ts';

export interface LabSpecOptions {
  /** Add the lab's Prometheus (`up --monitoring`); nothing else in the spec changes with it. */
  readonly monitoring?: boolean;
}

/** The whole lab as data (lab-spec-types.ts): its networks, its containers and the host setup. */
export function renderLabSpec(plan: AddressPlan, options: LabSpecOptions = {}): LabSpec {
  const networks = plan.networks.map((n) => ({
    name: networkName(plan.lab, n.key),
    key: n.key,
    bridge: bridgeName(networkName(plan.lab, n.key)),
    subnet: n.subnet,
    gateway: n.gateway,
    labels: { [LABEL.lab]: plan.lab, [LABEL.network]: n.key },
  }));
  return {
    lab: plan.lab,
    networks,
    containers: [...plan.nodes.map((node) => containerSpec(plan, node)), ...(options.monitoring ? [monitoringContainerSpec(plan)] : [])],
    hostSetup: hostSetupSpec(containerName(plan.lab, HOST_SETUP_NODE), { [LABEL.lab]: plan.lab, [LABEL.node]: HOST_SETUP_NODE }, hostSetupCommand(plan.lab, networks.map((n) => n.bridge), 'accept')),
  };
}
