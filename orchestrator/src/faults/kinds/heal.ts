import { defineFaultKind } from '../fault-kind.ts';
import { planHeal } from '../plan-partition.ts';

export interface HealAction {
  readonly kind: 'heal';
}

export const heal = defineFaultKind({
  kind: 'heal',
  summary: 'A repair: heals every partition',
  docs: { does: 'repair: lifts every partition on every node, whoever made it', revert: '-', seen: '-' },
  repair: true,
  target: 'none',
  targetText: 'every partition',
  fields: {},
  action: (): HealAction => ({ kind: 'heal' }),
  plan: (plan) => planHeal(plan),
  ends: (_plan, _repair, fault) => fault.kind === 'partition',
});
