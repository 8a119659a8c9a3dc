import { isKind, defineFaultKind } from '../fault-kind.ts';
import { serverNode } from '../lab-targets.ts';
import { planPopRestart } from '../plan-pop.ts';
import type { PopCrashAction } from './pop-crash.ts';
import type { PopKillAction } from './pop-kill.ts';
import type { ServerCrashAction } from './server-crash.ts';

export interface PopRestartAction {
  readonly kind: 'pop-restart';
  readonly pop: string;
}

export const popRestart = defineFaultKind({
  kind: 'pop-restart',
  summary: 'A repair: brings a crashed or killed PoP back',
  docs: { does: "repair: starts or unpauses the PoP's containers, lifts a crash blackhole, waits for BGP", revert: '-', seen: '-' },
  repair: true,
  target: 'pop',
  fields: {},
  action: ({ pop }): PopRestartAction => ({ kind: 'pop-restart', pop }),
  plan: (plan, action) => planPopRestart(plan, action.pop),
  ends: (plan, repair, fault) =>
    ((isKind<PopCrashAction>(fault, 'pop-crash') || isKind<PopKillAction>(fault, 'pop-kill')) && fault.pop === repair.pop) ||
    (isKind<ServerCrashAction>(fault, 'server-crash') && serverNode(plan, fault.server).group === repair.pop),
});
