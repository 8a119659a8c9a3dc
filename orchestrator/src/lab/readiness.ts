import { LabNotReadyError } from '../errors.ts';
import type { AddressPlan, PlannedNode } from '../plan/types.ts';
import { containerName } from '../render/resource-names.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import { EXEC_PARALLELISM, probeOnce, readBgpPeers, type BgpPeerState } from './observe.ts';
import { inParallel } from './parallel.ts';
import { notYet, ready, waitFor } from '../wait/wait-for.ts';

export interface CatchmentEntry {
  readonly client: string;
  readonly probe: string;
  readonly outcome: string;
  readonly pop?: string;
  readonly server?: string;
  readonly latencyMs?: number;
}

export interface LabObservation {
  readonly sessions: readonly BgpPeerState[];
  readonly catchment: readonly CatchmentEntry[];
  /** What is not as it should be, in words, e.g. `t-asia: BGP with tokyo (198.18.1.11) is Active`. */
  readonly pending: readonly string[];
}

export interface Readiness extends LabObservation {
  readonly waitedMs: number;
}

const POLL_MS = 500;

function isEdge(plan: AddressPlan, node: string): boolean {
  return plan.nodes.some((n) => n.name === node && n.role === 'edge');
}

function routers(plan: AddressPlan): PlannedNode[] {
  return plan.nodes.filter((n) => n.asn !== undefined);
}

/** Every expected session seen from each of its routers, every probe answered by some PoP. */
export async function observeLab(runtime: ContainerRuntime, plan: AddressPlan): Promise<LabObservation> {
  const sessions: BgpPeerState[] = [];
  const pending: string[] = [];
  await inParallel(routers(plan), EXEC_PARALLELISM, async (router) => {
    try {
      sessions.push(...(await readBgpPeers(runtime, containerName(plan.lab, router.name), router.name)));
    } catch (error) {
      pending.push(`${router.name}: cannot read BGP state (${(error as Error).message.split('\n')[0]})`);
    }
  });
  for (const s of plan.sessions) {
    for (const [self, other] of [[s.a, s.b], [s.b, s.a]] as const) {
      const seen = sessions.find((p) => p.router === self.node && p.peer === other.address);
      if (seen?.state !== 'Established') {
        pending.push(`${self.node}: BGP with ${other.node} (${other.address}) is ${seen?.state ?? 'not configured'}`);
      } else if (isEdge(plan, other.node) && seen.prefixesReceived === 0) {
        pending.push(`${self.node}: ${other.node} does not announce the service address yet`);
      }
    }
  }
  const catchment: CatchmentEntry[] = [];
  await inParallel(plan.nodes.filter((n) => n.role === 'probe'), EXEC_PARALLELISM, async (probe) => {
    const entry = { client: probe.group!, probe: probe.name };
    try {
      const answer = await probeOnce(probe.mgmtAddress);
      catchment.push({ ...entry, ...answer });
      if (answer.outcome !== 'ok' || !answer.pop) pending.push(`${probe.name}: request to ${plan.service} ${answer.outcome}`);
    } catch (error) {
      catchment.push({ ...entry, outcome: 'agent-unreachable' });
      pending.push(`${probe.name}: probe agent not answering (${(error as Error).message})`);
    }
  });
  catchment.sort((a, b) => a.probe.localeCompare(b.probe));
  sessions.sort((a, b) => a.router.localeCompare(b.router) || a.peer.localeCompare(b.peer));
  return { sessions, catchment, pending: pending.sort() };
}

export async function waitUntilReady(
  runtime: ContainerRuntime,
  plan: AddressPlan,
  options: { timeoutMs: number; signal?: AbortSignal; onPending?: (pending: readonly string[], waitedMs: number) => void },
): Promise<Readiness> {
  const started = Date.now();
  let previous = '';
  return waitFor<Readiness, readonly string[]>(
    async () => {
      const observation = await observeLab(runtime, plan);
      // Ready when nothing is pending twice in a row with the same catchment: BGP has settled.
      const catchment = observation.catchment.map((c) => `${c.probe}:${c.pop}`).join(',');
      const settled = observation.pending.length === 0 && catchment === previous;
      previous = observation.pending.length === 0 ? catchment : '';
      return settled ? ready({ ...observation, waitedMs: Date.now() - started }) : notYet(observation.pending);
    },
    {
      what: `lab ${plan.lab} to be ready`,
      timeoutMs: options.timeoutMs,
      intervalMs: POLL_MS,
      signal: options.signal,
      onPending: options.onPending,
      onTimeout: (pending, waitedMs) => {
        throw new LabNotReadyError(plan.lab, waitedMs, pending);
      },
    },
  );
}

/**
 * What `up` prints while readiness runs: the things still pending, when that list changes or
 * every `everyMs`, at most `shown` of them by name.
 */
export function pendingReporter(say: (line: string) => void, everyMs = 10_000, shown = 3): (pending: readonly string[], waitedMs: number) => void {
  let last = '';
  let lastAtMs = -Infinity;
  return (pending, waitedMs) => {
    const key = pending.join('\n');
    if (pending.length === 0 || (key === last && waitedMs - lastAtMs < everyMs)) return;
    last = key;
    lastAtMs = waitedMs;
    const more = pending.length > shown ? `, and ${pending.length - shown} more` : '';
    say(`${(waitedMs / 1000).toFixed(0)} s: still waiting for ${pending.length}: ${pending.slice(0, shown).join('; ')}${more}`);
  };
}
