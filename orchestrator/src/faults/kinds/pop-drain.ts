import { defineFaultKind } from '../fault-kind.ts';
import { planPopDrain } from '../plan-drain.ts';

export interface PopDrainAction {
  readonly kind: 'pop-drain';
  readonly pop: string;
  /** Time between the GSHUT announcement and the withdrawal. */
  readonly waitMs: number;
}

export const popDrain = defineFaultKind({
  kind: 'pop-drain',
  summary: 'Maintenance done right: GSHUT community 65535:0 first, withdraw after `wait`',
  docs: {
    does:
      "the PoP router turns on `bgp graceful-shutdown` (everything it announces carries GRACEFUL_SHUTDOWN, RFC 8326, so every neighbour gives it local-preference 0 and prefers another PoP while this one still answers); after `wait` each server drains (`POST /drain`: it waits until its own traffic has been quiet for 2 s, then withdraws its /32); with the last /32 the PoP's aggregate goes",
    revert: '`pop-undrain`: servers undrained and announcing, then GSHUT off',
    seen: 'a worse path first, a withdrawal only when nobody uses it',
  },
  repair: false,
  target: 'pop',
  fields: {
    wait: { type: 'duration', minMs: 0, maxMs: 60_000, default: 2000, doc: 'time between the GSHUT announcement and the withdrawal' },
  },
  action: ({ pop }, { wait }): PopDrainAction => ({ kind: 'pop-drain', pop, waitMs: wait }),
  plan: (plan, action) => planPopDrain(plan, action.pop, action.waitMs),
});
