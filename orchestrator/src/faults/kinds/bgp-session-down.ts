import { defineFaultKind } from '../fault-kind.ts';
import type { SessionRef } from '../fault-target.ts';
import { planSessionDown } from '../plan-session.ts';

export interface BgpSessionDownAction {
  readonly kind: 'bgp-session-down';
  readonly session: SessionRef;
}

export const bgpSessionDown = defineFaultKind({
  kind: 'bgp-session-down',
  summary: '`neighbor <peer> shutdown` on `router`: a Cease notification',
  docs: {
    does: '`neighbor X shutdown` on ROUTER (a Cease notification)',
    revert: '`no neighbor X shutdown`, on both ends',
    seen: 'the peer drops the routes at once',
  },
  repair: false,
  target: 'session',
  fields: {},
  action: ({ session }): BgpSessionDownAction => ({ kind: 'bgp-session-down', session }),
  plan: (plan, action) => planSessionDown(plan, action.session),
});
