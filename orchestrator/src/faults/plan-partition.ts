import type { AddressPlan, PlannedNode } from '../plan/types.ts';
import { cutArgv, CUT_CHAINS, uncutArgv } from './container-commands.ts';
import type { FaultOp, FaultPlan, FaultStage } from './fault-plan.ts';
import { awaitSessions } from './plan-pop.ts';
import { routerNode, serverNode } from './lab-targets.ts';

type Plan = Omit<FaultPlan, 'target'>;

/**
 * The nodes a partition cuts off: each named node, and with a router the hosts on the LANs it
 * routes (a PoP comes with its servers, a client network with its probes and bots).
 */
export function partitionMembers(plan: AddressPlan, names: readonly string[]): Set<string> {
  const members = new Set<string>();
  for (const name of names) {
    const node = name.includes('/') ? serverNode(plan, name) : routerNode(plan, name);
    members.add(node.name);
    const lans = plan.networks.filter((n) => n.kind === 'lan' && n.originatedBy === node.name).map((n) => n.key);
    for (const host of plan.nodes.filter((n) => n.interfaces.some((i) => lans.includes(i.network)))) members.add(host.name);
  }
  return members;
}

export interface Cut {
  readonly node: PlannedNode;
  /** The member's addresses on the networks that cross the cut. */
  readonly addresses: readonly string[];
}

/** Every network with members on one side and other nodes on the other is cut, at the members' interfaces. */
export function partitionCuts(plan: AddressPlan, members: ReadonlySet<string>): Cut[] {
  const crossing = plan.networks.filter((net) => {
    const attached = plan.nodes.filter((n) => n.interfaces.some((i) => i.network === net.key));
    return attached.some((n) => members.has(n.name)) && attached.some((n) => !members.has(n.name));
  });
  const keys = new Set(crossing.map((n) => n.key));
  return plan.nodes
    .filter((n) => members.has(n.name))
    .map((node) => ({ node, addresses: node.interfaces.filter((i) => keys.has(i.network)).map((i) => i.address) }))
    .filter((cut) => cut.addresses.length > 0);
}

/** A set of nodes cut from the rest, silently (DROP), on every link and LAN that crosses the cut. */
export function planPartition(plan: AddressPlan, names: readonly string[]): Plan {
  const members = partitionMembers(plan, names);
  const cuts = partitionCuts(plan, members);
  const crossingSessions = plan.sessions.filter((s) => members.has(s.a.node) !== members.has(s.b.node));
  const awaits = crossingSessions.map((s) => awaitSessions(plan, plan.nodes.find((n) => n.name === s.a.node)!, [s.b.address]));
  return {
    apply: [cuts.map((c): FaultOp => ({ op: 'exec', node: c.node.name, argv: cutArgv(CUT_CHAINS.partition, c.addresses) }))],
    revert: [cuts.map((c): FaultOp => ({ op: 'exec', node: c.node.name, argv: uncutArgv(CUT_CHAINS.partition, c.addresses) })), ...(awaits.length > 0 ? [awaits] : [])],
  };
}

/** Lifts every partition, on every node (whoever made it). */
export function planHeal(plan: AddressPlan): Plan {
  const stage: FaultStage = plan.nodes.map((n) => ({ op: 'exec', node: n.name, argv: uncutArgv(CUT_CHAINS.partition) }));
  return { apply: [stage], revert: [] };
}
