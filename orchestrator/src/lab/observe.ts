import type { OnceView } from '../../../contracts/agent-api.ts';
import { agentAt } from '../../../contracts/agent-client.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';

/** Reading a running lab: router state through `vtysh ... json`, catchment through the probe agents. */

/** More concurrent `docker exec`s than this starve BFD (100 ms x 3) on a 2-core machine. */
export const EXEC_PARALLELISM = 3;

export interface BgpPeerState {
  readonly router: string;
  readonly peer: string;
  readonly peerName: string;
  readonly state: string;
  readonly prefixesReceived: number;
}

interface SummaryJson {
  ipv4Unicast?: { peers?: Record<string, { state?: string; desc?: string; hostname?: string; pfxRcd?: number }> };
}

/** Parses `show bgp summary json` (FRR 8.x); a router with no IPv4 peers yields none. */
export function parseBgpSummary(router: string, json: string): BgpPeerState[] {
  const summary = JSON.parse(json) as SummaryJson;
  return Object.entries(summary.ipv4Unicast?.peers ?? {}).map(([peer, p]) => ({
    router,
    peer,
    peerName: p.desc ?? p.hostname ?? peer,
    state: p.state ?? 'Unknown',
    prefixesReceived: p.pfxRcd ?? 0,
  }));
}

export async function vtyshJson(runtime: ContainerRuntime, container: string, command: string): Promise<string> {
  const result = await runtime.exec(container, ['vtysh', '-c', command], { timeoutMs: 10_000 });
  if (result.exitCode !== 0) throw new Error(`vtysh -c '${command}' in ${container}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

export async function readBgpPeers(runtime: ContainerRuntime, container: string, router: string): Promise<BgpPeerState[]> {
  return parseBgpSummary(router, await vtyshJson(runtime, container, 'show bgp summary json'));
}

/** One request from a probe container to the service address, asked of its agent (management network). */
export function probeOnce(mgmtAddress: string, timeoutMs = 1000): Promise<OnceView> {
  return agentAt(mgmtAddress, undefined, { timeoutMs: 2000 }).once(timeoutMs);
}
