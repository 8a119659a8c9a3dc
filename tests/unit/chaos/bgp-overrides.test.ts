import test from 'ava';
import { planBgpOverrides } from '../../../orchestrator/src/chaos/bgp-overrides.ts';
import type { FaultStage } from '../../../orchestrator/src/faults/fault-plan.ts';
import { AnycastLabError } from '../../../orchestrator/src/errors.ts';
import type { AddressPlan } from '../../../orchestrator/src/plan/types.ts';
import { shippedPlan } from '../../helpers/topologies.ts';

let mini: AddressPlan;
test.before(async () => {
  mini = await shippedPlan('mini');
});

const routers = (): number => mini.nodes.filter((n) => n.asn !== undefined).length;

/** The vtysh lines of the first operation of a stage. */
function lines(stage: FaultStage | undefined): string[] {
  const op = stage?.[0];
  return op?.op === 'exec' ? op.argv.slice(5).filter((a) => a !== '-c') : [];
}

test('settings the lab already has change nothing', (t) => {
  t.is(planBgpOverrides(mini, undefined), undefined);
  t.is(planBgpOverrides(mini, { bfd: { enabled: true, intervalMs: 100, multiplier: 3 }, timers: { profile: 'datacenter', keepaliveS: 3, holdS: 9 } }), undefined);
});

test('BFD off: every router drops BFD from every neighbour, and the revert puts the profile back', (t) => {
  const plan = planBgpOverrides(mini, { bfd: { enabled: false } })!;
  t.is(plan.target, 'BFD off, BGP timers 3/9 s');
  t.is(plan.apply[0]!.length, routers());
  t.deepEqual(lines(plan.apply[0]), ['configure terminal', 'router bgp 65010', `no neighbor ${mini.sessions[0]!.b.address} bfd`, 'no neighbor 198.19.1.11 bfd', 'no neighbor 198.19.1.27 bfd', 'end']);
  t.true(lines(plan.revert[0]).includes('neighbor 198.19.1.11 bfd profile lab'));
});

test('other BFD timers go into the lab profile; other BGP timers reset every session', (t) => {
  const plan = planBgpOverrides(mini, { bfd: { intervalMs: 300 }, timers: { profile: 'traditional', keepaliveS: 60, holdS: 180 } })!;
  t.deepEqual(lines(plan.apply[0]), ['configure terminal', 'bfd', 'profile lab', 'detect-multiplier 3', 'receive-interval 300', 'transmit-interval 300', 'end']);
  t.deepEqual(lines(plan.apply[1]).slice(2, 3), ['timers bgp 60 180']);
  t.deepEqual(plan.apply[2]!.map((op) => (op.op === 'exec' ? op.argv.slice(4).join(' ') : '')), Array(routers()).fill('vtysh -c clear bgp *'));
  t.deepEqual(lines(plan.revert[0]).slice(4, 6), ['receive-interval 100', 'transmit-interval 100']);
  t.deepEqual(lines(plan.revert[1]).slice(2, 3), ['timers bgp 3 9']);
});

test('BFD cannot be turned on in a lab that runs without it', async (t) => {
  const { loadTopology } = await import('../../../orchestrator/src/model/topology.ts');
  const { planAddresses } = await import('../../../orchestrator/src/plan/addressing.ts');
  const plan = planAddresses({ ...(await loadTopology(mini.topology.file)), bgp: { ...mini.topology.bgp, bfd: { enabled: false, intervalMs: 100, multiplier: 3 } } });
  const error = t.throws(() => planBgpOverrides(plan, { bfd: { enabled: true } }));
  t.is((error as AnycastLabError).code, 'FAULT_UNSUPPORTED');
  t.regex(error!.message, /runs without bfdd/);
});
