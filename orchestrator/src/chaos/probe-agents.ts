import { agentAt, AgentCallError } from '../../../contracts/agent-client.ts';
import type { ProbeParams, ProbeView } from '../../../contracts/agent-api.ts';
import { AnycastLabError } from '../errors.ts';
import type { PlannedNode } from '../plan/types.ts';

/** Probe runs on the probe nodes' agents (contracts/agent-client.ts); an agent that fails makes the lab not ready. */

export interface ProbeRun {
  readonly node: PlannedNode;
  readonly id: string;
}

async function onAgent<T>(node: PlannedNode, call: (agent: ReturnType<typeof agentAt>) => Promise<T>): Promise<T> {
  try {
    return await call(agentAt(node.mgmtAddress));
  } catch (error) {
    if (!(error instanceof AgentCallError)) throw error;
    const what = error.code === 'unreachable' ? 'does not answer' : 'refused';
    throw new AnycastLabError('LAB_NOT_READY', `probe agent of ${node.name} ${what}: ${error.message}`);
  }
}

export async function startProbe(node: PlannedNode, params: ProbeParams): Promise<ProbeRun> {
  const { id } = await onAgent(node, (agent) => agent.startProbe(params));
  return { node, id };
}

export function readProbe(run: ProbeRun): Promise<ProbeView> {
  return onAgent(run.node, (agent) => agent.readProbe(run.id));
}

export async function stopProbe(run: ProbeRun): Promise<void> {
  await onAgent(run.node, (agent) => agent.stopProbe(run.id));
}
