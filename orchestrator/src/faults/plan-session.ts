import type { AddressPlan } from '../plan/types.ts';
import type { SessionRef } from './fault-target.ts';
import { vtyshConfigArgv } from './container-commands.ts';
import type { FaultOp, FaultPlan, FaultStage } from './fault-plan.ts';
import { awaitSessions } from './plan-pop.ts';
import { sessionEnds, type SessionEnd } from './lab-targets.ts';

type Plan = Omit<FaultPlan, 'target'>;

/** `neighbor X shutdown` on `self` for `peer`: a Cease notification, and the peer drops the routes at once. */
function shutdown(self: SessionEnd, peer: SessionEnd, on: boolean): FaultOp {
  const line = `${on ? '' : 'no '}neighbor ${peer.address} shutdown`;
  return { op: 'exec', node: self.node.name, argv: vtyshConfigArgv([`router bgp ${self.node.asn}`, line]) };
}

export function sessionStateStage(plan: AddressPlan, session: SessionRef, state: 'up' | 'down'): FaultStage {
  const [router, peer] = sessionEnds(plan, session);
  // Up is lifted on both ends, whichever of them was shut.
  return state === 'down' ? [shutdown(router, peer, true)] : [shutdown(router, peer, false), shutdown(peer, router, false)];
}

export function sessionUpStages(plan: AddressPlan, session: SessionRef): FaultStage[] {
  const [router, peer] = sessionEnds(plan, session);
  return [sessionStateStage(plan, session, 'up'), [awaitSessions(plan, router.node, [peer.address])]];
}

export function planSessionDown(plan: AddressPlan, session: SessionRef): Plan {
  return { apply: [sessionStateStage(plan, session, 'down')], revert: sessionUpStages(plan, session) };
}

export function planSessionUp(plan: AddressPlan, session: SessionRef): Plan {
  return { apply: sessionUpStages(plan, session), revert: [] };
}
