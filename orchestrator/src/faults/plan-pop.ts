import { EDGE_ADMIN_PATHS } from '../../../contracts/edge-admin.ts';
import type { AddressPlan, PlannedNode } from '../plan/types.ts';
import { cutArgv, CUT_CHAINS, uncutArgv } from './container-commands.ts';
import type { FaultOp, FaultPlan, FaultStage } from './fault-plan.ts';
import { adminUrl, dataAddresses, neighbours, popNodes, serverNode } from './lab-targets.ts';

/** How long a revert waits for a router's BGP sessions to come back (connect retry is 2 s). */
export const RECOVERY_TIMEOUT_MS = 60_000;
/** How long a server may take to withdraw or announce after its health changes (rise/fall 2 x 1 s). */
const HEALTH_CHANGE_TIMEOUT_MS = 15_000;

type Plan = Omit<FaultPlan, 'target'>;

export function awaitSessions(plan: AddressPlan, node: PlannedNode, peers = neighbours(plan, node.name).map((n) => n.address)): FaultOp {
  return { op: 'await-sessions', node: node.name, peers, timeoutMs: RECOVERY_TIMEOUT_MS };
}

function cut(node: PlannedNode): FaultOp {
  return { op: 'exec', node: node.name, argv: cutArgv(CUT_CHAINS.crash, dataAddresses(node)) };
}

function uncut(node: PlannedNode, all = false): FaultOp {
  return { op: 'exec', node: node.name, argv: uncutArgv(CUT_CHAINS.crash, all ? [] : dataAddresses(node)) };
}

/**
 * A silent crash, as a power loss looks to the neighbours: every data interface of the PoP router
 * goes dark at once (iptables DROP in, out and through). No FIN, no BFD: the neighbours notice by
 * BFD or the hold timer. (`docker pause` would do too, but takes 0.3 to 1.2 s here to land, so the
 * fault's time would be that uncertain.)
 */
export function planPopCrash(plan: AddressPlan, pop: string): Plan {
  const { router } = popNodes(plan, pop);
  return { apply: [[cut(router)]], revert: [[uncut(router)], [awaitSessions(plan, router)]] };
}

/** The processes die (`docker kill`): their kernel closes every BGP session with a FIN at once. */
export function planPopKill(plan: AddressPlan, pop: string): Plan {
  const { router, servers } = popNodes(plan, pop);
  const all = [router, ...servers];
  return {
    apply: [all.map((n): FaultOp => ({ op: 'kill', node: n.name }))],
    revert: [all.map((n): FaultOp => ({ op: 'resume', node: n.name })), [awaitSessions(plan, router)]],
  };
}

/** Brings a crashed or killed PoP back, whatever was done to it. */
export function planPopRestart(plan: AddressPlan, pop: string): Plan {
  const { router, servers } = popNodes(plan, pop);
  const all = [router, ...servers];
  return {
    apply: [all.map((n): FaultOp => ({ op: 'resume', node: n.name })), all.map((n) => uncut(n, true)), [awaitSessions(plan, router)]],
    revert: [],
  };
}

/** One edge server goes dark, silently, like pop-crash. */
export function planServerCrash(plan: AddressPlan, server: string): Plan {
  const node = serverNode(plan, server);
  return { apply: [[cut(node)]], revert: [[uncut(node)], [awaitSessions(plan, node)]] };
}

function forceHealth(node: PlannedNode, unhealthy: boolean): FaultStage[] {
  return [
    [{ op: 'post', node: node.name, url: adminUrl(node, EDGE_ADMIN_PATHS.healthForce), body: { unhealthy, reason: 'anycast-lab fault server-unhealthy' } }],
    [{ op: 'await-announcement', node: node.name, url: adminUrl(node, EDGE_ADMIN_PATHS.announcement), state: unhealthy ? 'withdrawn' : 'announced', timeoutMs: HEALTH_CHANGE_TIMEOUT_MS }],
  ];
}

/** The edge service fails its own health check and withdraws its /32 from the PoP router. */
export function planServerUnhealthy(plan: AddressPlan, server: string): Plan {
  const node = serverNode(plan, server);
  return { apply: forceHealth(node, true), revert: forceHealth(node, false) };
}
