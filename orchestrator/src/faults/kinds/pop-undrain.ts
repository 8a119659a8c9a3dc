import { defineFaultKind, isKind } from '../fault-kind.ts';
import { planPopUndrain } from '../plan-drain.ts';
import type { PopDrainAction } from './pop-drain.ts';

export interface PopUndrainAction {
  readonly kind: 'pop-undrain';
  readonly pop: string;
}

export const popUndrain = defineFaultKind({
  kind: 'pop-undrain',
  summary: 'A repair: ends a drain, servers announcing again, then GSHUT off',
  docs: { does: 'repair: the servers undrained and announcing, then the GSHUT community lifted', revert: '-', seen: '-' },
  repair: true,
  target: 'pop',
  fields: {},
  action: ({ pop }): PopUndrainAction => ({ kind: 'pop-undrain', pop }),
  plan: (plan, action) => planPopUndrain(plan, action.pop),
  ends: (_plan, repair, fault) => isKind<PopDrainAction>(fault, 'pop-drain') && fault.pop === repair.pop,
});
