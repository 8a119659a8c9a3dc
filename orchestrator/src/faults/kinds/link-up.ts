import { defineFaultKind, isKind } from '../fault-kind.ts';
import type { LinkRef } from '../fault-target.ts';
import { sameLink } from '../lab-targets.ts';
import { planLinkUp } from '../plan-link.ts';
import type { FlapAction } from './flap.ts';
import type { LinkDownAction } from './link-down.ts';

export interface LinkUpAction {
  readonly kind: 'link-up';
  readonly link: LinkRef;
}

export const linkUp = defineFaultKind({
  kind: 'link-up',
  summary: 'A repair: the link up again at both ends (ends a link-down or a link flap)',
  docs: { does: "repair: `ip link set up` on both ends, a host's default route through the link restored; waits for the session", revert: '-', seen: '-' },
  repair: true,
  target: 'link',
  fields: {},
  action: ({ link }): LinkUpAction => ({ kind: 'link-up', link }),
  plan: (plan, action) => planLinkUp(plan, action.link),
  ends: (plan, repair, fault) =>
    (isKind<LinkDownAction>(fault, 'link-down') && sameLink(plan, fault.link, repair.link)) ||
    (isKind<FlapAction>(fault, 'flap') && 'link' in fault.target && sameLink(plan, fault.target.link, repair.link)),
});
