import { defineFaultKind } from '../fault-kind.ts';
import { planServerCrash } from '../plan-pop.ts';

export interface ServerCrashAction {
  readonly kind: 'server-crash';
  /** `<pop>/<server>`, e.g. `tokyo/edge-1`. */
  readonly server: string;
}

export const serverCrash = defineFaultKind({
  kind: 'server-crash',
  summary: 'One edge server goes dark, silently, like pop-crash',
  docs: {
    does: 'one edge server goes dark, like `pop-crash`',
    revert: 'as `pop-crash`',
    seen: "its PoP router's BFD notices; the PoP's other servers keep the PoP up",
  },
  repair: false,
  target: 'server',
  fields: {},
  action: ({ server }): ServerCrashAction => ({ kind: 'server-crash', server }),
  plan: (plan, action) => planServerCrash(plan, action.server),
});
