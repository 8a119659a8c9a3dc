import type { OnceView } from '../../../contracts/agent-api.ts';
import { agentAt } from '../../../contracts/agent-client.ts';
import { parseFrrBgpSummary } from '../../../contracts/frr-bgp-summary.ts';
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

/** Parses `show bgp summary json` (FRR 8.x); a router with no IPv4 peers yields none. */
export function parseBgpSummary(router: string, json: string): BgpPeerState[] {
  return parseFrrBgpSummary(json).map((p) => ({ router, peer: p.peer, peerName: p.name, state: p.state, prefixesReceived: p.prefixesReceived }));
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
