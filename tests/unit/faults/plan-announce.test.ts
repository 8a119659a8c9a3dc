import test from 'ava';
import type { AnycastLabError } from '../../../orchestrator/src/errors.ts';
import type { FaultStage } from '../../../orchestrator/src/faults/fault-plan.ts';
import { planFault } from '../../../orchestrator/src/faults/registry.ts';
import { addressOn, findNode } from '../../../orchestrator/src/plan/addressing.ts';
import type { AddressPlan } from '../../../orchestrator/src/plan/types.ts';
import { shippedPlan } from '../../helpers/topologies.ts';

const NO_NETEM = { netem: false };

let mini: AddressPlan;
test.before(async () => {
  mini = await shippedPlan('mini');
});

/** The vtysh lines of the plan's one exec, in order: configuration, `end`, then what runs after. */
function vtyshLines(stages: readonly FaultStage[]): { node: string; lines: string[] } {
  const op = stages.length === 1 && stages[0]!.length === 1 ? stages[0]![0]! : undefined;
  if (op?.op !== 'exec') throw new Error(`expected one stage with one exec, got ${JSON.stringify(stages)}`);
  const vtysh = op.argv.indexOf('vtysh');
  const lines = op.argv.slice(vtysh + 1).filter((_, i) => i % 2 === 1);
  return { node: op.node, lines };
}

test('pop-withdraw filters the anycast prefix out towards every upstream and soft-clears them; the revert undoes it in reverse', (t) => {
  const plan = planFault(mini, { kind: 'pop-withdraw', pop: 'west' }, NO_NETEM);
  const tWest = addressOn(findNode(mini, 't-west'), 't-west--west')!;
  t.is(plan.target, 'west');
  t.deepEqual(vtyshLines(plan.apply), {
    node: 'west',
    lines: [
      'configure terminal',
      'ip prefix-list LAB-WITHDRAW seq 5 deny 198.51.100.0/24',
      'ip prefix-list LAB-WITHDRAW seq 10 permit 0.0.0.0/0 le 32',
      'router bgp 64500',
      ' address-family ipv4 unicast',
      `  neighbor ${tWest} prefix-list LAB-WITHDRAW out`,
      ' exit-address-family',
      'exit',
      'end',
      `clear bgp ipv4 unicast ${tWest} soft out`,
    ],
  });
  t.deepEqual(vtyshLines(plan.revert), {
    node: 'west',
    lines: [
      'configure terminal',
      'router bgp 64500',
      ' address-family ipv4 unicast',
      `  no neighbor ${tWest} prefix-list LAB-WITHDRAW out`,
      ' exit-address-family',
      'exit',
      'no ip prefix-list LAB-WITHDRAW',
      'end',
      `clear bgp ipv4 unicast ${tWest} soft out`,
    ],
  });
});

test('pop-prepend puts a route-map per upstream in place of OWN-ONLY, prepending the anycast prefix only; the revert puts OWN-ONLY back before removing it', (t) => {
  const plan = planFault(mini, { kind: 'pop-prepend', pop: 'east', count: 3 }, NO_NETEM);
  const tEast = addressOn(findNode(mini, 't-east'), 't-east--east')!;
  t.deepEqual(vtyshLines(plan.apply), {
    node: 'east',
    lines: [
      'configure terminal',
      'ip prefix-list LAB-PREPEND-t-east seq 5 permit 198.51.100.0/24',
      'route-map LAB-PREPEND-t-east permit 10',
      ' match ip address prefix-list LAB-PREPEND-t-east',
      ' match as-path OWN',
      ' set as-path prepend 64500 64500 64500',
      'exit',
      'route-map LAB-PREPEND-t-east permit 20',
      ' match as-path OWN',
      'exit',
      'router bgp 64500',
      ' address-family ipv4 unicast',
      `  neighbor ${tEast} route-map LAB-PREPEND-t-east out`,
      ' exit-address-family',
      'exit',
      'end',
      `clear bgp ipv4 unicast ${tEast} soft out`,
    ],
  });
  t.deepEqual(vtyshLines(plan.revert).lines, [
    'configure terminal',
    'router bgp 64500',
    ' address-family ipv4 unicast',
    `  neighbor ${tEast} route-map OWN-ONLY out`,
    ' exit-address-family',
    'exit',
    'no route-map LAB-PREPEND-t-east',
    'no ip prefix-list LAB-PREPEND-t-east',
    'end',
    `clear bgp ipv4 unicast ${tEast} soft out`,
  ]);
});

test('pop-prepend towards a named upstream: that one only; a name that is not an upstream of the PoP is refused', (t) => {
  const one = planFault(mini, { kind: 'pop-prepend', pop: 'west', count: 1, upstream: 't-west' }, NO_NETEM);
  t.true(vtyshLines(one.apply).lines.includes(' set as-path prepend 64500'));
  const error = t.throws(() => planFault(mini, { kind: 'pop-prepend', pop: 'west', count: 1, upstream: 't-east' }, NO_NETEM));
  t.is((error as AnycastLabError).code, 'USAGE');
  t.regex(error!.message, /PoP west has no upstream "t-east" \(did you mean "t-west"\?\); its upstreams: t-west/);
});
