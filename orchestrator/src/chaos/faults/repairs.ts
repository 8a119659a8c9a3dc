import type { AddressPlan } from '../../plan/types.ts';
import type { FaultAction, LinkRef, SessionRef } from '../../scenario/types.ts';
import { linkEnds, routerNode, serverNode } from './targets.ts';

function sameLink(plan: AddressPlan, x: LinkRef, y: LinkRef): boolean {
  return linkEnds(plan, x).network === linkEnds(plan, y).network;
}

function sameSession(plan: AddressPlan, x: SessionRef, y: SessionRef): boolean {
  const ends = (s: SessionRef) => [routerNode(plan, s.router).name, routerNode(plan, s.peer).name].sort().join(' ');
  return ends(x) === ends(y);
}

/**
 * Whether a repair (pop-restart, pop-undrain, link-up, bgp-session-up, heal) ends a fault in
 * force: that fault is then no longer in force, and needs no revert of its own.
 */
export function repairs(plan: AddressPlan, repair: FaultAction, fault: FaultAction): boolean {
  switch (repair.kind) {
    case 'pop-restart':
      return (
        ((fault.kind === 'pop-crash' || fault.kind === 'pop-kill') && fault.pop === repair.pop) ||
        (fault.kind === 'server-crash' && serverNode(plan, fault.server).group === repair.pop)
      );
    case 'pop-undrain':
      return fault.kind === 'pop-drain' && fault.pop === repair.pop;
    case 'link-up':
      return (
        (fault.kind === 'link-down' && sameLink(plan, fault.link, repair.link)) ||
        (fault.kind === 'flap' && 'link' in fault.target && sameLink(plan, fault.target.link, repair.link))
      );
    case 'bgp-session-up':
      return (
        (fault.kind === 'bgp-session-down' && sameSession(plan, fault.session, repair.session)) ||
        (fault.kind === 'flap' && 'session' in fault.target && sameSession(plan, fault.target.session, repair.session))
      );
    case 'heal':
      return fault.kind === 'partition';
    default:
      return false;
  }
}
