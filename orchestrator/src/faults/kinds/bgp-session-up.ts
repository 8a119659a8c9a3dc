import { defineFaultKind, isKind } from '../fault-kind.ts';
import type { SessionRef } from '../fault-target.ts';
import { sameSession } from '../lab-targets.ts';
import { planSessionUp } from '../plan-session.ts';
import type { BgpSessionDownAction } from './bgp-session-down.ts';
import type { FlapAction } from './flap.ts';

export interface BgpSessionUpAction {
  readonly kind: 'bgp-session-up';
  readonly session: SessionRef;
}

export const bgpSessionUp = defineFaultKind({
  kind: 'bgp-session-up',
  summary: 'A repair: `no neighbor <peer> shutdown` on both ends (ends a session-down or a session flap)',
  docs: { does: 'repair: `no neighbor X shutdown` on both ends; waits for the session', revert: '-', seen: '-' },
  repair: true,
  target: 'session',
  fields: {},
  action: ({ session }): BgpSessionUpAction => ({ kind: 'bgp-session-up', session }),
  plan: (plan, action) => planSessionUp(plan, action.session),
  ends: (plan, repair, fault) =>
    (isKind<BgpSessionDownAction>(fault, 'bgp-session-down') && sameSession(plan, fault.session, repair.session)) ||
    (isKind<FlapAction>(fault, 'flap') && 'session' in fault.target && sameSession(plan, fault.target.session, repair.session)),
});
