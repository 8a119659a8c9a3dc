import { defineFaultKind } from '../fault-kind.ts';
import type { LinkRef } from '../fault-target.ts';
import { planLinkDown } from '../plan-link.ts';

export interface LinkDownAction {
  readonly kind: 'link-down';
  readonly link: LinkRef;
}

export const linkDown = defineFaultKind({
  kind: 'link-down',
  summary: 'The link goes down at both ends at once',
  docs: {
    does: '`ip link set down` on both ends at once; FRR resets the session on the interface at once',
    revert: "`link-up`, which also restores a host's default route through the link (the origin's) and waits for the session",
    seen: 'an interface down: immediate',
  },
  repair: false,
  target: 'link',
  fields: {},
  action: ({ link }): LinkDownAction => ({ kind: 'link-down', link }),
  plan: (plan, action) => planLinkDown(plan, action.link),
});
