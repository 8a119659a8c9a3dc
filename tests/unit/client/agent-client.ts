import type { ExecutionContext } from 'ava';
import { agentClient, type AgentReply } from '../../../contracts/agent-client.ts';
import { notYet, ready, waitFor } from '../../../orchestrator/src/wait/wait-for.ts';
import { startAgent } from '../../../images/client/src/server.ts';
import type { RunningAgent } from '../../../images/client/src/server.ts';
import type { AgentConfig } from '../../../images/client/src/config.ts';
import { startFakeEdge } from './fake-edge.ts';
import type { FakeEdge } from './fake-edge.ts';

/** An agent on 127.0.0.1 (ephemeral port) whose traffic goes to a fake edge on 127.0.0.1. */
export function startTestAgent(targetPort: number, overrides: Partial<AgentConfig> = {}): Promise<RunningAgent> {
  return startAgent({
    lab: 'test',
    node: 'users-test-probe-1',
    role: 'probe',
    client: 'users-test',
    listen: { host: '127.0.0.1', port: 0 },
    target: { host: '127.0.0.1', port: targetPort },
    sources: [],
    ...overrides,
  });
}

/** A fake edge and an agent sending to it, both closed when the test ends. */
export async function startEdgeAndAgent(
  t: ExecutionContext,
  options: { edge?: Parameters<typeof startFakeEdge>[0]; agent?: Partial<AgentConfig> } = {},
): Promise<{ edge: FakeEdge; agent: RunningAgent }> {
  const edge = await startFakeEdge(options.edge);
  const agent = await startTestAgent(edge.port, options.agent);
  t.teardown(async () => {
    await agent.close();
    await edge.close();
  });
  return { edge, agent };
}

/** Any call to the agent's API, whatever the answer (the one agent client, contracts/agent-client.ts). */
export function call<T = Record<string, unknown>>(agent: RunningAgent, method: string, path: string, body?: unknown): Promise<AgentReply<T>> {
  return agentClient(agent.url).send<T>(method, path, body);
}

/** Polls GET `path` until the job is done; after `limitMs`, the job as it is (the test's checks then fail on it). */
export function untilDone<T extends { done: boolean }>(agent: RunningAgent, path: string, limitMs = 10_000): Promise<T> {
  return waitFor<T, T>(async () => {
    const { body } = await call<T>(agent, 'GET', path);
    return body.done ? ready(body) : notYet(body);
  }, { what: `${path} to be done`, timeoutMs: limitMs, intervalMs: 50, onTimeout: (body) => body });
}
