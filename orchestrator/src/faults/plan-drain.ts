import { EDGE_ADMIN_PATHS } from '../../../contracts/edge-admin.ts';
import type { AddressPlan, PlannedNode } from '../plan/types.ts';
import { vtyshConfigArgv } from './container-commands.ts';
import type { FaultOp, FaultPlan, FaultStage } from './fault-plan.ts';
import { adminUrl, popNodes } from './lab-targets.ts';

/** The edge waits for its traffic to go quiet for up to 30 s before it withdraws (edge-node drain settings). */
const SERVER_DRAIN_TIMEOUT_MS = 45_000;
const SERVER_UNDRAIN_TIMEOUT_MS = 20_000;

type Plan = Omit<FaultPlan, 'target'>;

function gracefulShutdown(router: PlannedNode, on: boolean): FaultOp {
  const line = on ? 'bgp graceful-shutdown' : 'no bgp graceful-shutdown';
  return { op: 'exec', node: router.name, argv: vtyshConfigArgv([`router bgp ${router.asn}`, line]) };
}

function eachServer(servers: readonly PlannedNode[], op: (server: PlannedNode) => FaultOp): FaultStage {
  return servers.map(op);
}

/** Servers drained again and announcing, then the PoP router's GSHUT lifted: traffic comes back. */
function undrainStages(router: PlannedNode, servers: readonly PlannedNode[]): FaultStage[] {
  return [
    eachServer(servers, (s) => ({ op: 'post', node: s.name, url: adminUrl(s, EDGE_ADMIN_PATHS.undrain), body: { reason: 'anycast-lab fault pop-undrain' } })),
    eachServer(servers, (s) => ({ op: 'await-announcement', node: s.name, url: adminUrl(s, EDGE_ADMIN_PATHS.announcement), state: 'announced', timeoutMs: SERVER_UNDRAIN_TIMEOUT_MS })),
    [gracefulShutdown(router, false)],
  ];
}

/**
 * Maintenance done right (RFC 8326): the PoP router tags everything it announces with the
 * GRACEFUL_SHUTDOWN community, every neighbour gives those paths local-preference 0 and moves to
 * another PoP while this one still answers; after `waitMs` the servers drain (each waits until its
 * own traffic is quiet, then withdraws its /32), and with the last /32 the PoP's aggregate goes.
 */
export function planPopDrain(plan: AddressPlan, pop: string, waitMs: number): Plan {
  const { router, servers } = popNodes(plan, pop);
  return {
    apply: [
      [gracefulShutdown(router, true)],
      [{ op: 'sleep', ms: waitMs }],
      eachServer(servers, (s) => ({ op: 'post', node: s.name, url: adminUrl(s, EDGE_ADMIN_PATHS.drain), body: { reason: 'anycast-lab fault pop-drain' } })),
      eachServer(servers, (s) => ({ op: 'await-announcement', node: s.name, url: adminUrl(s, EDGE_ADMIN_PATHS.announcement), state: 'withdrawn', timeoutMs: SERVER_DRAIN_TIMEOUT_MS })),
    ],
    revert: undrainStages(router, servers),
  };
}

export function planPopUndrain(plan: AddressPlan, pop: string): Plan {
  const { router, servers } = popNodes(plan, pop);
  return { apply: undrainStages(router, servers), revert: [] };
}
