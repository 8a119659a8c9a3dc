import { defineFaultKind } from '../fault-kind.ts';
import { planPopWithdraw } from '../plan-announce.ts';

export interface PopWithdrawAction {
  readonly kind: 'pop-withdraw';
  readonly pop: string;
}

export const popWithdraw = defineFaultKind({
  kind: 'pop-withdraw',
  summary: 'The PoP stops announcing the anycast prefix (a defence policy: its users and its share of an attack move)',
  docs: {
    does:
      '`neighbor X prefix-list LAB-WITHDRAW out` (the anycast prefix denied, the rest passed) towards every upstream of the PoP router, then `clear bgp ipv4 unicast X soft out`; servers keep running and announcing their /32 inside the PoP',
    revert: 'the prefix-list detached and removed, `clear bgp ... soft out`: the prefix announced again',
    seen: "an UPDATE withdrawing the anycast prefix: the PoP's catchment moves to the next nearest PoP",
  },
  repair: false,
  target: 'pop',
  fields: {},
  action: ({ pop }): PopWithdrawAction => ({ kind: 'pop-withdraw', pop }),
  plan: (plan, action) => planPopWithdraw(plan, action.pop),
});
