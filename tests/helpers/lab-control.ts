import type { AttackRequest, AttackView } from '../../contracts/agent-api.ts';
import { agentAt } from '../../contracts/agent-client.ts';
import { edgeAdminUrl, type EdgeAdminPath } from '../../contracts/edge-admin.ts';
import { vtyshJson } from '../../orchestrator/src/lab/observe.ts';
import { findNode } from '../../orchestrator/src/plan/addressing.ts';
import type { AddressPlan } from '../../orchestrator/src/plan/types.ts';
import { containerName } from '../../orchestrator/src/render/resource-names.ts';
import { notYet, ready, waitFor } from '../../orchestrator/src/wait/wait-for.ts';
import { runtime } from './e2e.ts';

/** Talking to a running lab in end-to-end tests: edge admin APIs, bot agents, routers' JSON. */

async function callJson<T>(url: string, method = 'GET', body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  if (!response.ok && response.status !== 503) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return (text.startsWith('{') ? JSON.parse(text) : text) as T;
}

export function edgeAdmin<T = unknown>(plan: AddressPlan, node: string, method: string, path: EdgeAdminPath, body?: unknown): Promise<T> {
  return callJson<T>(edgeAdminUrl(findNode(plan, node).mgmtAddress, path), method, body);
}

export async function startAttack(plan: AddressPlan, bot: string, request: AttackRequest): Promise<string> {
  const { id } = await agentAt(findNode(plan, bot).mgmtAddress, undefined, { timeoutMs: 15_000 }).startAttack(request);
  return id;
}

export function readAttack(plan: AddressPlan, bot: string, id: string): Promise<AttackView> {
  return agentAt(findNode(plan, bot).mgmtAddress, undefined, { timeoutMs: 15_000 }).readAttack(id);
}

interface RouteJson {
  paths?: { valid?: boolean; bestpath?: { overall?: boolean }; multipath?: boolean; nexthops?: { ip?: string }[] }[];
}

/** Next hops of a router's usable paths for a prefix (best and ECMP), as node names. */
export async function usedNextHops(plan: AddressPlan, router: string, prefix: string): Promise<string[]> {
  const route = JSON.parse(await vtyshJson(runtime, containerName(plan.lab, router), `show ip bgp ${prefix} json`)) as RouteJson;
  const owner = (ip: string): string => plan.nodes.find((n) => n.interfaces.some((i) => i.address === ip))?.name ?? ip;
  return (route.paths ?? [])
    .filter((p) => p.valid !== false && (p.bestpath?.overall || p.multipath))
    .map((p) => owner(p.nexthops?.[0]?.ip ?? ''))
    .sort();
}

/** Reads `probe` every 200 ms until `done` holds; the timeout error shows the last value read. */
export function waitUntil<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  return waitFor(async () => {
    const value = await probe();
    return done(value) ? ready(value) : notYet(value);
  }, { what, timeoutMs, intervalMs: 200 });
}
