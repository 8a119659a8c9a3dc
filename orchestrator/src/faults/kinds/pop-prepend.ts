import { defineFaultKind } from '../fault-kind.ts';
import { planPopPrepend } from '../plan-announce.ts';

export interface PopPrependAction {
  readonly kind: 'pop-prepend';
  readonly pop: string;
  /** How many more times the PoP's AS appears in the path, 1..5. */
  readonly count: number;
  /** The one upstream to prepend towards; every upstream when absent. */
  readonly upstream?: string;
}

export const popPrepend = defineFaultKind({
  kind: 'pop-prepend',
  summary: 'AS-path prepending on the anycast prefix towards one upstream or all (a defence policy: a smaller catchment)',
  docs: {
    does:
      "route-map `LAB-PREPEND-<upstream>` out in place of OWN-ONLY: the anycast prefix gets `set as-path prepend` with the PoP's AS `count` times, the rest of what the PoP originates passes as before; then `clear bgp ipv4 unicast X soft out`",
    revert: 'OWN-ONLY attached again, the route-map removed, `clear bgp ... soft out`',
    seen: 'the upstream hears a longer AS path: networks with a shorter path to another PoP move there',
  },
  repair: false,
  target: 'pop',
  fields: {
    count: { type: 'count', min: 1, max: 5, default: 3, doc: "how many more times the PoP's AS appears in the path" },
    upstream: {
      type: 'name',
      pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
      form: 'transit',
      example: 't-asia',
      doc: 'the one upstream to prepend towards (default: every upstream)',
    },
  },
  action: ({ pop }, { count, upstream }): PopPrependAction => ({ kind: 'pop-prepend', pop, count, ...(upstream === undefined ? {} : { upstream }) }),
  plan: (plan, action) => planPopPrepend(plan, action.pop, action.count, action.upstream),
});
