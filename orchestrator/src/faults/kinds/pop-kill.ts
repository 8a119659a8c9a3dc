import { defineFaultKind } from '../fault-kind.ts';
import { planPopKill } from '../plan-pop.ts';

export interface PopKillAction {
  readonly kind: 'pop-kill';
  readonly pop: string;
}

export const popKill = defineFaultKind({
  kind: 'pop-kill',
  summary: 'The processes die and the kernel closes their sessions: neighbours know at once',
  docs: {
    does: '`docker kill` of the PoP router and its servers',
    revert: "containers started again; waits for the router's sessions",
    seen: "the dead bgpd's kernel closes every TCP session with a FIN: the route goes at once, BFD or not",
  },
  repair: false,
  target: 'pop',
  fields: {},
  action: ({ pop }): PopKillAction => ({ kind: 'pop-kill', pop }),
  plan: (plan, action) => planPopKill(plan, action.pop),
});
