import { LABEL, MONITORING_ROLE } from '../../../contracts/labels.ts';
import { httpBase, PORTS } from '../../../contracts/ports.ts';
import { networkName } from '../render/resource-names.ts';
import type { ContainerRuntime, ObservedContainer } from '../runtime/runtime.ts';
import { errorsAsMissing, notYet, ready, waitFor } from '../wait/wait-for.ts';

/** The lab's Prometheus (`up --monitoring`), as found by its role label. */

export function prometheusUrl(address: string): string {
  return httpBase(address, PORTS.prometheus);
}

/** The Prometheus container among a lab's containers, if it has one. */
export function findMonitoring(containers: readonly ObservedContainer[]): ObservedContainer | undefined {
  return containers.find((c) => c.labels[LABEL.role] === MONITORING_ROLE);
}

export async function labHasMonitoring(runtime: ContainerRuntime, lab: string): Promise<boolean> {
  return findMonitoring(await runtime.listContainers({ [LABEL.lab]: lab })) !== undefined;
}

/** Where a lab's running Prometheus answers (its management address), or undefined. */
export function monitoringUrlOf(lab: string, containers: readonly ObservedContainer[]): string | undefined {
  const container = findMonitoring(containers);
  const address = container?.state === 'running' ? container.addresses[networkName(lab, 'mgmt')] : undefined;
  return address === undefined ? undefined : prometheusUrl(address);
}

const READY_PROBE_TIMEOUT_MS = 2000;

/** Until Prometheus says it is ready (`GET /-/ready` 200): it has read its configuration and scrapes. */
export function waitForPrometheus(url: string, options: { readonly timeoutMs: number; readonly signal?: AbortSignal }): Promise<void> {
  return waitFor(
    errorsAsMissing(async () => {
      const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(READY_PROBE_TIMEOUT_MS) });
      await response.body?.cancel();
      return response.ok ? ready(undefined) : notYet(`${url}/-/ready answered ${response.status}`);
    }),
    { what: `Prometheus at ${url} to be ready`, timeoutMs: options.timeoutMs, intervalMs: 500, ...(options.signal ? { signal: options.signal } : {}) },
  );
}
