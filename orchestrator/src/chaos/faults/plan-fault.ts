import type { AddressPlan } from '../../plan/types.ts';
import { describeFaultTarget } from '../../scenario/describe.ts';
import type { FaultAction } from '../../scenario/types.ts';
import type { FaultPlan, FlapPlan } from './ops.ts';
import { planPopDrain, planPopUndrain } from './plan-drain.ts';
import { linkStateStage, linkUpStages, planLinkDown, planLinkImpair, planLinkUp, type KernelFeatures } from './plan-link.ts';
import { planHeal, planPartition } from './plan-partition.ts';
import { planPopCrash, planPopKill, planPopRestart, planServerCrash, planServerUnhealthy } from './plan-pop.ts';
import { planSessionDown, planSessionUp, sessionStateStage, sessionUpStages } from './plan-session.ts';

type FlapAction = Extract<FaultAction, { kind: 'flap' }>;

/**
 * A flap: down and up again, `count` times. The cycles only switch the link or session; the
 * revert brings it up for good and waits for the BGP session over it.
 */
function planFlap(plan: AddressPlan, action: FlapAction): Omit<FaultPlan, 'target'> {
  const { target } = action;
  const stage = (state: 'up' | 'down') => ('link' in target ? linkStateStage(plan, target.link, state) : sessionStateStage(plan, target.session, state));
  const flap: FlapPlan = { down: [stage('down')], up: [stage('up')], count: action.count, periodMs: action.periodMs, downForMs: action.downForMs };
  const revert = 'link' in target ? linkUpStages(plan, target.link) : sessionUpStages(plan, target.session);
  return { apply: [], revert, flap };
}

/** What a fault does to this lab, and how it is taken back: pure, from the addressing plan. */
export function planFault(plan: AddressPlan, action: FaultAction, kernel: KernelFeatures): FaultPlan {
  return { target: describeFaultTarget(action), ...planOf(plan, action, kernel) };
}

function planOf(plan: AddressPlan, action: FaultAction, kernel: KernelFeatures): Omit<FaultPlan, 'target'> {
  switch (action.kind) {
    case 'pop-crash':
      return planPopCrash(plan, action.pop);
    case 'pop-kill':
      return planPopKill(plan, action.pop);
    case 'pop-restart':
      return planPopRestart(plan, action.pop);
    case 'pop-drain':
      return planPopDrain(plan, action.pop, action.waitMs);
    case 'pop-undrain':
      return planPopUndrain(plan, action.pop);
    case 'server-crash':
      return planServerCrash(plan, action.server);
    case 'server-unhealthy':
      return planServerUnhealthy(plan, action.server);
    case 'link-down':
      return planLinkDown(plan, action.link);
    case 'link-up':
      return planLinkUp(plan, action.link);
    case 'link-impair':
      return planLinkImpair(plan, action.link, action.impairment, action.direction, kernel);
    case 'bgp-session-down':
      return planSessionDown(plan, action.session);
    case 'bgp-session-up':
      return planSessionUp(plan, action.session);
    case 'partition':
      return planPartition(plan, action.nodes);
    case 'heal':
      return planHeal(plan);
    case 'flap':
      return planFlap(plan, action);
  }
}
