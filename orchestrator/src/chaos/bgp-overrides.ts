import { AnycastLabError } from '../errors.ts';
import type { BfdSettings } from '../model/types.ts';
import type { AddressPlan, PlannedNode } from '../plan/types.ts';
import { BFD_PROFILE } from '../render/frr.ts';
import type { BgpOverrides } from '../scenario/types.ts';
import { vtyshArgv, vtyshConfigArgv } from '../faults/container-commands.ts';
import type { FaultOp, FaultPlan, FaultStage } from '../faults/fault-plan.ts';
import { neighbours } from '../faults/lab-targets.ts';

/**
 * A scenario's `bgp:` settings, applied to the running lab's routers through vtysh (no container is
 * made again) and taken back after the run. BFD is turned off per neighbour; its timers live in the
 * `lab` BFD profile; BGP timers are negotiated when a session opens, so new ones reset every session.
 */

interface Timers {
  readonly keepaliveS: number;
  readonly holdS: number;
}

function routers(plan: AddressPlan): PlannedNode[] {
  return plan.nodes.filter((n) => n.asn !== undefined);
}

function onEveryRouter(plan: AddressPlan, lines: (router: PlannedNode) => string[]): FaultStage {
  return routers(plan).map((router): FaultOp => ({ op: 'exec', node: router.name, argv: vtyshConfigArgv(lines(router)) }));
}

function bfdNeighbours(plan: AddressPlan, enabled: boolean): FaultStage {
  return onEveryRouter(plan, (router) => [
    `router bgp ${router.asn}`,
    ...neighbours(plan, router.name).map((n) => (enabled ? `neighbor ${n.address} bfd profile ${BFD_PROFILE}` : `no neighbor ${n.address} bfd`)),
  ]);
}

function bfdProfile(plan: AddressPlan, bfd: BfdSettings): FaultStage {
  return onEveryRouter(plan, () => [
    'bfd',
    `profile ${BFD_PROFILE}`,
    `detect-multiplier ${bfd.multiplier}`,
    `receive-interval ${bfd.intervalMs}`,
    `transmit-interval ${bfd.intervalMs}`,
  ]);
}

function bgpTimers(plan: AddressPlan, timers: Timers): FaultStage[] {
  return [
    onEveryRouter(plan, (router) => [`router bgp ${router.asn}`, `timers bgp ${timers.keepaliveS} ${timers.holdS}`]),
    routers(plan).map((router): FaultOp => ({ op: 'exec', node: router.name, argv: vtyshArgv('clear bgp *') })),
  ];
}

function describe(bfd: BfdSettings, timers: Timers): string {
  const bfdText = bfd.enabled ? `BFD ${bfd.intervalMs} ms x ${bfd.multiplier}` : 'BFD off';
  return `${bfdText}, BGP timers ${timers.keepaliveS}/${timers.holdS} s`;
}

/** The stages that set the lab's routers to the scenario's BGP settings and back; undefined when they already are. */
export function planBgpOverrides(plan: AddressPlan, overrides: BgpOverrides | undefined): FaultPlan | undefined {
  const lab = plan.topology.bgp;
  const bfd: BfdSettings = { ...lab.bfd, ...overrides?.bfd };
  const timers: Timers = overrides?.timers ?? lab;
  if (bfd.enabled && !lab.bfd.enabled) {
    throw new AnycastLabError(
      'FAULT_UNSUPPORTED',
      `the scenario turns BFD on, but lab ${plan.lab} runs without bfdd (its topology has \`bfd: { enabled: false }\`); ` +
        'enable BFD in the topology (the scenario can still turn it off)',
    );
  }
  const apply: FaultStage[] = [];
  const revert: FaultStage[] = [];
  if (!bfd.enabled && lab.bfd.enabled) {
    apply.push(bfdNeighbours(plan, false));
    revert.push(bfdNeighbours(plan, true));
  } else if (bfd.enabled && (bfd.intervalMs !== lab.bfd.intervalMs || bfd.multiplier !== lab.bfd.multiplier)) {
    apply.push(bfdProfile(plan, bfd));
    revert.push(bfdProfile(plan, lab.bfd));
  }
  if (timers.keepaliveS !== lab.keepaliveS || timers.holdS !== lab.holdS) {
    apply.push(...bgpTimers(plan, timers));
    revert.push(...bgpTimers(plan, lab));
  }
  return apply.length === 0 ? undefined : { target: describe(bfd, timers), apply, revert };
}
