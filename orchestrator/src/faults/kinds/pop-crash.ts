import { defineFaultKind } from '../fault-kind.ts';
import { planPopCrash } from '../plan-pop.ts';

export interface PopCrashAction {
  readonly kind: 'pop-crash';
  readonly pop: string;
}

export const popCrash = defineFaultKind({
  kind: 'pop-crash',
  summary: 'Silent: the PoP router goes dark; only BFD or the hold timer notices',
  docs: {
    does: 'every data interface of the PoP router goes dark at once: iptables DROP in, out and through, in one `iptables-restore` (chain `LAB-CRASH`)',
    revert: "rules removed; waits until the router's BGP sessions are back",
    seen: 'nothing at all: BFD (0.3 s at 100 ms x 3) or the hold timer (up to 9 s at 3/9) has to notice',
  },
  repair: false,
  target: 'pop',
  fields: {},
  action: ({ pop }): PopCrashAction => ({ kind: 'pop-crash', pop }),
  plan: (plan, action) => planPopCrash(plan, action.pop),
});
