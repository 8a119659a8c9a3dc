import { defineFaultKind } from '../fault-kind.ts';
import { planPartition } from '../plan-partition.ts';

export interface PartitionAction {
  readonly kind: 'partition';
  readonly nodes: readonly string[];
}

export const partition = defineFaultKind({
  kind: 'partition',
  summary: 'Cut these nodes from the rest (a PoP comes with its servers, a client network with its hosts)',
  docs: {
    does:
      'the nodes are cut from the rest: DROP (chain `LAB-PARTITION`) on each of their interfaces on a network that crosses the cut. A PoP or client network comes with the hosts on its LAN',
    revert: 'the same interfaces opened; `heal` lifts every partition on every node',
    seen: 'silence, as `pop-crash`',
  },
  repair: false,
  target: 'nodes',
  fields: {},
  action: ({ nodes }): PartitionAction => ({ kind: 'partition', nodes }),
  plan: (plan, action) => planPartition(plan, action.nodes),
});
