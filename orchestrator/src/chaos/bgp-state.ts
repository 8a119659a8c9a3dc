import { parseBgpSummary, vtyshJson } from '../lab/observe.ts';
import type { BgpEvent, RouteObservation } from '../measure/timeline.ts';
import type { AddressPlan } from '../plan/types.ts';
import { containerName } from '../render/resource-names.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import type { SessionRef } from '../scenario/types.ts';
import { routerNode, sessionEnds } from '../faults/lab-targets.ts';

/** What a run sees of BGP: a session's state and a route's presence, read from the routers as JSON. */

/** FRR's `show ip bgp <prefix> json`: the prefix with its paths, or no `paths` when it is not in the table. */
export function routeInTable(json: string, prefix: string): boolean {
  const route = JSON.parse(json) as { prefix?: string; paths?: unknown[] };
  return route.prefix === prefix && Array.isArray(route.paths) && route.paths.length > 0;
}

/** The session's state on its router, under the names the scenario wrote; `NotRunning` when the router cannot be read. */
export async function observeSession(runtime: ContainerRuntime, plan: AddressPlan, session: SessionRef): Promise<BgpEvent> {
  const atMs = Date.now();
  const [router, peer] = sessionEnds(plan, session);
  let state = 'NotRunning';
  try {
    const json = await vtyshJson(runtime, containerName(plan.lab, router.node.name), 'show bgp summary json');
    state = parseBgpSummary(router.node.name, json).find((p) => p.peer === peer.address)?.state ?? 'NotConfigured';
  } catch {
    // A killed or unreadable router has no session up.
  }
  return { atMs, router: session.router, peer: session.peer, state };
}

/** Whether the router has the prefix in its BGP table (a router that cannot be read has none). */
export async function observeRoute(runtime: ContainerRuntime, plan: AddressPlan, router: string, prefix: string): Promise<RouteObservation> {
  const atMs = Date.now();
  const node = routerNode(plan, router);
  let present = false;
  try {
    present = routeInTable(await vtyshJson(runtime, containerName(plan.lab, node.name), `show ip bgp ${prefix} json`), prefix);
  } catch {
    // Not running: no route.
  }
  return { atMs, router, prefix, present };
}

