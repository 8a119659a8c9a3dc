import { defineFaultKind, type FieldProblem } from '../fault-kind.ts';
import type { FlapPlan } from '../fault-plan.ts';
import type { LinkRef, SessionRef } from '../fault-target.ts';
import { linkStateStage, linkUpStages } from '../plan-link.ts';
import { sessionStateStage, sessionUpStages } from '../plan-session.ts';

export interface FlapAction {
  readonly kind: 'flap';
  readonly target: { readonly link: LinkRef } | { readonly session: SessionRef };
  readonly count: number;
  /** One down/up cycle. */
  readonly periodMs: number;
  /** Down part of each cycle. */
  readonly downForMs: number;
}

const MAX_PERIOD_MS = 600_000;

export const flap = defineFaultKind({
  kind: 'flap',
  summary: 'A link or a session down and up again, `count` times',
  docs: {
    does: 'the link or session down and up N times; each cycle is recorded',
    revert: 'brought up for good; waits for the session',
    seen: 'N times a clean down, N times a reconnect',
  },
  repair: false,
  target: 'link-or-session',
  fields: {
    count: { type: 'count', min: 1, max: 100, required: true, doc: 'how many times it goes down and up' },
    period: { type: 'duration', minMs: 200, maxMs: MAX_PERIOD_MS, required: true, doc: 'one down/up cycle' },
    'down-for': { type: 'duration', minMs: 100, maxMs: MAX_PERIOD_MS, doc: 'the down part of each cycle (default half the period)' },
  },
  action: ({ target }, { count, period, 'down-for': downFor }): FlapAction | FieldProblem => {
    const downForMs = downFor ?? period / 2;
    if (downForMs >= period) return { field: 'down-for', message: '`down-for` must be shorter than `period`, so that each cycle comes back up' };
    return { kind: 'flap', target, count, periodMs: period, downForMs };
  },
  /** The cycles only switch the link or session; the revert brings it up for good and waits for the BGP session over it. */
  plan: (plan, action: FlapAction) => {
    const { target } = action;
    const stage = (state: 'up' | 'down') => ('link' in target ? linkStateStage(plan, target.link, state) : sessionStateStage(plan, target.session, state));
    const cycles: FlapPlan = { down: [stage('down')], up: [stage('up')], count: action.count, periodMs: action.periodMs, downForMs: action.downForMs };
    const revert = 'link' in target ? linkUpStages(plan, target.link) : sessionUpStages(plan, target.session);
    return { apply: [], revert, flap: cycles };
  },
});
