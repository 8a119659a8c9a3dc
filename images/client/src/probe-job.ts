import http from 'node:http';
import type { ProbeParams, ProbeRecord } from '../../../contracts/agent-api.ts';
import type { HostPort } from './config.ts';
import { runAtFixedRate } from './fixed-rate.ts';
import type { FixedRateRun } from './fixed-rate.ts';
import { sendRequest } from './send-request.ts';

export interface Traffic {
  readonly target: HostPort;
  /** The source address for the next request (bots), or undefined. */
  readonly nextSource: () => string | undefined;
}

export interface ProbeJob {
  readonly params: ProbeParams;
  readonly records: ProbeRecord[];
  readonly run: FixedRateRun;
  done: boolean;
}

/**
 * Timeouts fire a little late under load; this much slack on the in-flight limit keeps a silent
 * target (every request timing out) from costing samples.
 */
const IN_FLIGHT_SLACK_MS = 100;

export function startProbeJob(params: ProbeParams, traffic: Traffic): ProbeJob {
  const agent = params.keepAlive ? new http.Agent({ keepAlive: true }) : false;
  const records: ProbeRecord[] = [];
  const run = runAtFixedRate({
    ratePerS: params.rate,
    durationMs: params.durationMs,
    maxInFlight: Math.ceil((params.rate * (params.timeoutMs + IN_FLIGHT_SLACK_MS)) / 1000),
    fire: async (seq) => {
      const sentAt = Date.now();
      const source = traffic.nextSource();
      const result = await sendRequest({
        target: traffic.target,
        path: params.path,
        timeoutMs: params.timeoutMs,
        agent,
        ...(source === undefined ? {} : { localAddress: source }),
      });
      records.push({ seq, sentAt, ...result });
    },
  });
  const job: ProbeJob = { params, records, run, done: false };
  void run.done.then(() => {
    job.done = true;
    if (agent) agent.destroy();
  });
  return job;
}

/** Finished records in send order. */
export function recordsInOrder(job: ProbeJob): ProbeRecord[] {
  return [...job.records].sort((a, b) => a.seq - b.seq);
}
