import http from 'node:http';
import type { AttackParams } from '../../../../contracts/agent-api.ts';
import { runAtFixedRate } from '../fixed-rate.ts';
import type { Traffic } from '../probe-job.ts';
import { sendRequest } from '../send-request.ts';
import { countResult, newCounters, snapshot } from './counters.ts';
import type { RunningAttack } from './counters.ts';

const ATTACK_TIMEOUT_MS = 2000;
/** However high the rate, no more requests than this are open at once. */
const MAX_ATTACK_IN_FLIGHT = 10_000;

/**
 * GETs at a fixed rate: a new connection per request, or spread over `connections` keep-alive
 * connections (per source address: one agent each, sharing the connection budget).
 */
export interface FloodShape {
  /** The path of request `seq` (default: `params.path` every time). */
  readonly pathFor?: (seq: number) => string;
  /** How long one request may take before it counts as a timeout. */
  readonly timeoutMs?: number;
}

export function startHttpFlood(params: AttackParams, traffic: Traffic, sourceCount: number, shape: FloodShape = {}): RunningAttack {
  const timeoutMs = shape.timeoutMs ?? ATTACK_TIMEOUT_MS;
  const counters = newCounters();
  const agents = new Map<string, http.Agent>();
  const agentFor = (source: string | undefined): http.Agent | false => {
    if (params.connections === undefined) return false;
    const key = source ?? '';
    let agent = agents.get(key);
    if (agent === undefined) {
      agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(1, Math.ceil(params.connections / Math.max(1, sourceCount))) });
      agents.set(key, agent);
    }
    return agent;
  };
  const run = runAtFixedRate({
    ratePerS: params.rps,
    durationMs: params.durationMs,
    maxInFlight: Math.min(MAX_ATTACK_IN_FLIGHT, Math.ceil((params.rps * timeoutMs) / 1000)),
    fire: async (seq) => {
      const source = traffic.nextSource();
      counters.sent++;
      const result = await sendRequest({
        target: traffic.target,
        path: shape.pathFor?.(seq) ?? params.path,
        timeoutMs,
        agent: agentFor(source),
        ...(source === undefined ? {} : { localAddress: source }),
      });
      countResult(counters, result);
    },
  });
  const done = run.done.then(() => {
    for (const agent of agents.values()) agent.destroy();
  });
  return { done, stop: () => run.stop(), counters: () => snapshot(counters, run.stats()) };
}
