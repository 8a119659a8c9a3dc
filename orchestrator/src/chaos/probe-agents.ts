import type { ProbeParams, ProbeView } from '../../../images/client/src/api.ts';
import { AnycastLabError } from '../errors.ts';
import type { PlannedNode } from '../plan/types.ts';
import { PORTS } from '../render/lab-spec.ts';

/** The probe agents' API (images/client), on the management network: start, read and stop probe runs. */

const AGENT_TIMEOUT_MS = 10_000;

export interface ProbeRun {
  readonly node: PlannedNode;
  readonly id: string;
}

async function call<T>(node: PlannedNode, method: string, path: string, body?: unknown): Promise<T> {
  const url = `http://${node.mgmtAddress}:${PORTS.agent}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(AGENT_TIMEOUT_MS),
    });
  } catch (error) {
    throw new AnycastLabError('LAB_NOT_READY', `probe agent of ${node.name} (${url}) does not answer: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) throw new AnycastLabError('LAB_NOT_READY', `probe agent of ${node.name}: ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function startProbe(node: PlannedNode, params: ProbeParams): Promise<ProbeRun> {
  const { id } = await call<{ id: string }>(node, 'POST', '/probes', params);
  return { node, id };
}

export function readProbe(run: ProbeRun): Promise<ProbeView> {
  return call<ProbeView>(run.node, 'GET', `/probes/${run.id}`);
}

export async function stopProbe(run: ProbeRun): Promise<void> {
  await call(run.node, 'DELETE', `/probes/${run.id}`);
}
