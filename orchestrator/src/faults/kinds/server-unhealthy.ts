import { defineFaultKind } from '../fault-kind.ts';
import { planServerUnhealthy } from '../plan-pop.ts';

export interface ServerUnhealthyAction {
  readonly kind: 'server-unhealthy';
  /** `<pop>/<server>`, e.g. `tokyo/edge-1`. */
  readonly server: string;
}

export const serverUnhealthy = defineFaultKind({
  kind: 'server-unhealthy',
  summary: 'The edge service fails its own health check and withdraws its /32',
  docs: {
    does: 'the edge service is forced unhealthy (`POST /health/force`) and withdraws its /32; waits for the withdrawal',
    revert: 'forced healthy again; waits until it announces',
    seen: 'a clean BGP withdrawal; the PoP stays while another server announces',
  },
  repair: false,
  target: 'server',
  fields: {},
  action: ({ server }): ServerUnhealthyAction => ({ kind: 'server-unhealthy', server }),
  plan: (plan, action) => planServerUnhealthy(plan, action.server),
});
