import { hostAddress, parseCidr } from '../net/ipv4.ts';
import type { AddressPlan } from './types.ts';

/**
 * The management address of the lab's Prometheus (`up --monitoring`): the last host of the
 * management /24 (.254). Nodes take .2 upwards, at most MAX_CONTAINERS (250) of them, so up to .251:
 * the address is never a node's, and a lab's node addresses are the same with or without monitoring.
 */
export const MONITORING_HOST_INDEX = 254;

export function monitoringAddress(plan: AddressPlan): string {
  const mgmt = plan.networks.find((n) => n.kind === 'mgmt')!;
  return hostAddress(parseCidr(mgmt.subnet)!, MONITORING_HOST_INDEX);
}
