import { LAB_ENV, MONITORING_ENV } from '../../../contracts/env.ts';
import { LABEL, MONITORING_ROLE } from '../../../contracts/labels.ts';
import { PORTS } from '../../../contracts/ports.ts';
import { MONITORING_NODE } from '../model/generated-names.ts';
import { monitoringAddress } from '../plan/monitoring-address.ts';
import type { AddressPlan } from '../plan/types.ts';
import { withSpecHash } from './container-spec.ts';
import type { ContainerSpec } from './lab-spec-types.ts';
import { renderPrometheusConfig } from './prometheus-config.ts';
import { containerName, networkName } from './resource-names.ts';

/** The lab's Prometheus: on the management network only, its configuration in its environment. */
export function monitoringContainerSpec(plan: AddressPlan): ContainerSpec {
  const address = monitoringAddress(plan);
  const base = {
    name: containerName(plan.lab, MONITORING_NODE),
    node: MONITORING_NODE,
    role: MONITORING_ROLE,
    hostname: MONITORING_NODE,
    image: 'monitoring',
    env: {
      [LAB_ENV.name]: plan.lab,
      [LAB_ENV.node]: MONITORING_NODE,
      [LAB_ENV.role]: MONITORING_ROLE,
      [LAB_ENV.mgmtAddr]: address,
      [MONITORING_ENV.listen]: `${address}:${PORTS.prometheus}`,
      [MONITORING_ENV.config]: renderPrometheusConfig(plan),
    },
    // lab-init removes Docker's default route, as in every lab container.
    capAdd: ['NET_ADMIN'],
    devices: [],
    sysctls: { 'net.ipv6.conf.all.disable_ipv6': '1' },
    restart: 'on-failure',
    networks: [{ network: networkName(plan.lab, 'mgmt'), address }],
  } as const satisfies Omit<ContainerSpec, 'labels'>;
  return withSpecHash(base, { [LABEL.lab]: plan.lab, [LABEL.node]: MONITORING_NODE, [LABEL.role]: MONITORING_ROLE });
}
