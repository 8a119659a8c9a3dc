import { AnycastLabError } from '../errors.ts';
import { didYouMean } from '../input/suggest.ts';
import { BGP_POLICY, upstreamsOf } from '../plan/bgp-policy.ts';
import type { AddressPlan, BgpEndpoint, PlannedNode } from '../plan/types.ts';
import { vtyshConfigArgv } from './container-commands.ts';
import type { FaultOp, FaultPlan } from './fault-plan.ts';
import { popNodes } from './lab-targets.ts';

/**
 * What a PoP router announces to its upstreams, changed by policy on the outbound side of its
 * sessions (the servers and their /32s stay as they are): the anycast prefix filtered out
 * (pop-withdraw), or announced with a longer AS path (pop-prepend). Each change ends with
 * `clear bgp ... soft out`, so that the upstream hears it now and not at the next update.
 */

type Plan = Omit<FaultPlan, 'target'>;

/** Names of what the faults add to a router's configuration: `LAB-` like the fault chains, so residue is easy to find. */
export const WITHDRAW_PREFIX_LIST = 'LAB-WITHDRAW';
export const prependPolicyName = (upstream: string): string => `LAB-PREPEND-${upstream}`;

function inAddressFamily(router: PlannedNode, lines: readonly string[]): string[] {
  return [`router bgp ${router.asn}`, ' address-family ipv4 unicast', ...lines.map((l) => `  ${l}`), ' exit-address-family', 'exit'];
}

function softOut(upstreams: readonly BgpEndpoint[]): string[] {
  return upstreams.map((u) => `clear bgp ipv4 unicast ${u.address} soft out`);
}

function onRouter(router: PlannedNode, lines: readonly string[], upstreams: readonly BgpEndpoint[]): FaultOp {
  return { op: 'exec', node: router.name, argv: vtyshConfigArgv(lines, softOut(upstreams)) };
}

/** The PoP's upstreams, or the one named (which must be one of them). */
function chosenUpstreams(plan: AddressPlan, router: PlannedNode, upstream: string | undefined): BgpEndpoint[] {
  const all = upstreamsOf(plan, router);
  if (upstream === undefined) return all;
  const chosen = all.filter((u) => u.node === upstream);
  if (chosen.length === 0) {
    const names = all.map((u) => u.node);
    throw new AnycastLabError('USAGE', `PoP ${router.name} has no upstream "${upstream}"${didYouMean(upstream, names)}; its upstreams: ${names.join(', ') || 'none'}`);
  }
  return chosen;
}

/** The PoP stops announcing the anycast prefix to every upstream (its other prefixes stay); the revert announces it again. */
export function planPopWithdraw(plan: AddressPlan, pop: string): Plan {
  const { router } = popNodes(plan, pop);
  const upstreams = upstreamsOf(plan, router);
  const attach = (on: boolean) => inAddressFamily(router, upstreams.map((u) => `${on ? '' : 'no '}neighbor ${u.address} prefix-list ${WITHDRAW_PREFIX_LIST} out`));
  const list = [`ip prefix-list ${WITHDRAW_PREFIX_LIST} seq 5 deny ${plan.anycast}`, `ip prefix-list ${WITHDRAW_PREFIX_LIST} seq 10 permit 0.0.0.0/0 le 32`];
  return {
    apply: [[onRouter(router, [...list, ...attach(true)], upstreams)]],
    revert: [[onRouter(router, [...attach(false), `no ip prefix-list ${WITHDRAW_PREFIX_LIST}`], upstreams)]],
  };
}

/**
 * The anycast prefix announced with the PoP's AS `count` more times towards one upstream (or all):
 * a route-map per upstream in place of OWN-ONLY, prepending to the anycast prefix and passing the
 * rest of what the PoP originates as before. The revert puts OWN-ONLY back first (an outbound
 * route-map that does not exist would deny everything), then removes the route-map.
 */
export function planPopPrepend(plan: AddressPlan, pop: string, count: number, upstream: string | undefined): Plan {
  const { router } = popNodes(plan, pop);
  const upstreams = chosenUpstreams(plan, router, upstream);
  const prepend = Array.from({ length: count }, () => String(router.asn)).join(' ');
  const policy = upstreams.flatMap((u) => {
    const name = prependPolicyName(u.node);
    return [
      `ip prefix-list ${name} seq 5 permit ${plan.anycast}`,
      `route-map ${name} permit 10`,
      ` match ip address prefix-list ${name}`,
      ` match as-path ${BGP_POLICY.ownAsPath}`,
      ` set as-path prepend ${prepend}`,
      'exit',
      `route-map ${name} permit 20`,
      ` match as-path ${BGP_POLICY.ownAsPath}`,
      'exit',
    ];
  });
  const attach = inAddressFamily(router, upstreams.map((u) => `neighbor ${u.address} route-map ${prependPolicyName(u.node)} out`));
  const restore = inAddressFamily(router, upstreams.map((u) => `neighbor ${u.address} route-map ${BGP_POLICY.ownOnly} out`));
  const remove = upstreams.flatMap((u) => [`no route-map ${prependPolicyName(u.node)}`, `no ip prefix-list ${prependPolicyName(u.node)}`]);
  return {
    apply: [[onRouter(router, [...policy, ...attach], upstreams)]],
    revert: [[onRouter(router, [...restore, ...remove], upstreams)]],
  };
}
