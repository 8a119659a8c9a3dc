import { AnycastLabError } from '../errors.ts';
import type { Impairment } from '../model/types.ts';
import { carriedByWire, type KernelFeatures } from '../plan/link-carrier.ts';
import type { AddressPlan } from '../plan/types.ts';
import type { ImpairDirection, LinkRef } from './fault-target.ts';
import { clearImpairmentArgv, impairArgv, linkStateArgv } from './container-commands.ts';
import type { FaultOp, FaultPlan, FaultStage } from './fault-plan.ts';
import { awaitSessions } from './plan-pop.ts';
import { linkEnds, type LinkEnd } from './lab-targets.ts';


type Plan = Omit<FaultPlan, 'target'>;

/** Both ends down at once (`ip link set ... down`); FRR resets a session on a down interface at once. */
export function linkStateStage(plan: AddressPlan, link: LinkRef, state: 'up' | 'down'): FaultStage {
  const { ends } = linkEnds(plan, link);
  return ends.map((end, i): FaultOp => {
    const other = ends[1 - i]!;
    // A host (the origin) loses its default route through the link when it goes down.
    const via = state === 'up' && end.node.defaultVia === other.address ? other.address : undefined;
    return { op: 'exec', node: end.node.name, argv: linkStateArgv(state, end.address, via) };
  });
}

/** Waits for the BGP session over the link, if it carries one. */
function sessionStages(plan: AddressPlan, link: LinkRef): FaultStage[] {
  const { network, ends } = linkEnds(plan, link);
  const session = plan.sessions.find((s) => s.network === network);
  if (!session) return [];
  const [a, b] = ends;
  return [[awaitSessions(plan, a.node, [b.address])]];
}

export function linkUpStages(plan: AddressPlan, link: LinkRef): FaultStage[] {
  return [linkStateStage(plan, link, 'up'), ...sessionStages(plan, link)];
}

export function planLinkDown(plan: AddressPlan, link: LinkRef): Plan {
  return { apply: [linkStateStage(plan, link, 'down')], revert: linkUpStages(plan, link) };
}

export function planLinkUp(plan: AddressPlan, link: LinkRef): Plan {
  return { apply: linkUpStages(plan, link), revert: [] };
}

function withoutNetem(impairment: Impairment): Impairment {
  const { delayMs: _delay, jitterMs: _jitter, ...rest } = impairment;
  return rest;
}

function isEmpty(impairment: Impairment): boolean {
  return Object.values(impairment).every((v) => v === undefined || v === 0);
}

/**
 * Egress impairment at one end (one direction) or both. It replaces the link's own impairment from
 * the topology for its fields, and the revert puts the topology's back. On a wire (docs/wire.md)
 * the relay applies all four, live; otherwise netem does, or without netem loss goes through
 * iptables' statistic match and rate through tbf, and delay and jitter cannot be applied.
 */
export function planLinkImpair(plan: AddressPlan, link: LinkRef, impairment: Impairment, direction: ImpairDirection, kernel: KernelFeatures): Plan {
  const { network, ends } = linkEnds(plan, link);
  const planned = plan.networks.find((n) => n.key === network)!;
  const onWire = carriedByWire(planned, kernel);
  if (!kernel.netem && !onWire && (impairment.delayMs || impairment.jitterMs)) {
    throw new AnycastLabError(
      'FAULT_UNSUPPORTED',
      `link-impair: delay and jitter need netem or the wire, and this kernel has no netem (CONFIG_NET_SCH_NETEM is not set) ` +
        `while ${network} is not on a wire; loss and rate work without it (iptables statistic match, tbf). ` +
        `To carry ${network} by the wire, give it \`mechanism: wire\` (or a delay) in the topology`,
    );
  }
  const egress: LinkEnd[] = direction === 'both' ? [...ends] : direction === 'a-to-b' ? [ends[0]] : [ends[1]];
  const own = planned.impairment;
  const base = kernel.netem || onWire ? own : withoutNetem(own);
  const impaired = { ...base, ...impairment };
  if (onWire && (impaired.jitterMs ?? 0) > (impaired.delayMs ?? 0)) {
    throw new AnycastLabError(
      'FAULT_UNSUPPORTED',
      `link-impair: on ${network} (a wire) the jitter would be ${impaired.jitterMs} ms around a delay of ${impaired.delayMs ?? 0} ms; ` +
        'the wire needs jitter <= delay: set a larger delay or a smaller jitter',
    );
  }
  return {
    apply: [egress.map((end): FaultOp => ({ op: 'exec', node: end.node.name, argv: impairArgv(end.address, impaired) }))],
    revert: [
      egress.map((end): FaultOp => ({
        op: 'exec',
        node: end.node.name,
        argv: isEmpty(base) ? clearImpairmentArgv(end.address) : impairArgv(end.address, base),
      })),
    ],
  };
}
