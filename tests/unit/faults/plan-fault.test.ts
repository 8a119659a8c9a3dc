import test from 'ava';
import { AnycastLabError } from '../../../orchestrator/src/errors.ts';
import { CUT_CHAINS } from '../../../orchestrator/src/faults/container-commands.ts';
import type { FaultOp, FaultStage } from '../../../orchestrator/src/faults/fault-plan.ts';
import { planFault } from '../../../orchestrator/src/faults/registry.ts';
import { findNode, addressOn } from '../../../orchestrator/src/plan/addressing.ts';
import type { AddressPlan } from '../../../orchestrator/src/plan/types.ts';
import { shippedPlan } from '../../helpers/topologies.ts';

const NO_NETEM = { netem: false };
const NETEM = { netem: true };

let mini: AddressPlan;
test.before(async () => {
  mini = await shippedPlan('mini');
});

const address = (node: string, network: string): string => addressOn(findNode(mini, node), network)!;
const mgmt = (node: string): string => findNode(mini, node).mgmtAddress;

/** Each operation in one line, so that a plan reads as what it does: `west: lab-cut LAB-CRASH 198...`. */
function show(stages: readonly FaultStage[]): string[][] {
  return stages.map((stage) => stage.map(showOp));
}

function showOp(op: FaultOp): string {
  switch (op.op) {
    case 'exec': {
      const args = op.argv[0] === 'bash' ? op.argv.slice(3) : op.argv;
      return `${op.node}: ${args.filter((a) => a !== '-c').join(' ')}`;
    }
    case 'post':
      return `${op.node}: POST ${op.url} ${JSON.stringify(op.body)}`;
    case 'sleep':
      return `sleep ${op.ms}`;
    case 'await-announcement':
      return `${op.node}: await ${op.state}`;
    case 'await-sessions':
      return `${op.node}: await ${op.peers.join(' ')}`;
    default:
      return `${op.node}: ${op.op}`;
  }
}

test('pop-crash darkens every data interface of the PoP router at once, and waits for its sessions on revert', (t) => {
  const plan = planFault(mini, { kind: 'pop-crash', pop: 'west' }, NO_NETEM);
  const addresses = findNode(mini, 'west').interfaces.map((i) => i.address);
  t.is(plan.target, 'west');
  t.deepEqual(show(plan.apply), [[`west: lab-cut ${CUT_CHAINS.crash} ${addresses.join(' ')}`]]);
  t.deepEqual(show(plan.revert), [
    [`west: lab-uncut ${CUT_CHAINS.crash} ${addresses.join(' ')}`],
    [`west: await ${address('t-west', 't-west--west')} ${address('west-edge-1', 'lan-west')} ${address('west-edge-2', 'lan-west')}`],
  ]);
});

test('pop-kill kills the PoP router and its servers together; the revert starts them and waits for BGP', (t) => {
  const plan = planFault(mini, { kind: 'pop-kill', pop: 'east' }, NO_NETEM);
  t.deepEqual(show(plan.apply), [['east: kill', 'east-edge-1: kill', 'east-edge-2: kill']]);
  t.deepEqual(show(plan.revert)[0], ['east: resume', 'east-edge-1: resume', 'east-edge-2: resume']);
  t.is(plan.revert[1]![0]!.op, 'await-sessions');
});

test('pop-restart resumes the containers, lifts a crash blackhole, and is a repair with nothing to revert', (t) => {
  const plan = planFault(mini, { kind: 'pop-restart', pop: 'west' }, NO_NETEM);
  t.deepEqual(show(plan.apply).slice(0, 2), [
    ['west: resume', 'west-edge-1: resume', 'west-edge-2: resume'],
    [`west: lab-uncut ${CUT_CHAINS.crash}`, `west-edge-1: lab-uncut ${CUT_CHAINS.crash}`, `west-edge-2: lab-uncut ${CUT_CHAINS.crash}`],
  ]);
  t.deepEqual(plan.revert, []);
});

test('pop-drain: GSHUT at the PoP router, the wait, then the servers drain and withdraw; undrain in reverse', (t) => {
  const plan = planFault(mini, { kind: 'pop-drain', pop: 'west', waitMs: 3000 }, NO_NETEM);
  const drain = (s: string) => `west-${s}: POST http://${mgmt(`west-${s}`)}:9180/drain {"reason":"anycast-lab fault pop-drain"}`;
  t.deepEqual(show(plan.apply), [
    ['west: lab-timed vtysh configure terminal router bgp 64500 bgp graceful-shutdown end'],
    ['sleep 3000'],
    [drain('edge-1'), drain('edge-2')],
    ['west-edge-1: await withdrawn', 'west-edge-2: await withdrawn'],
  ]);
  t.deepEqual(show(plan.revert).slice(1), [
    ['west-edge-1: await announced', 'west-edge-2: await announced'],
    ['west: lab-timed vtysh configure terminal router bgp 64500 no bgp graceful-shutdown end'],
  ]);
  t.deepEqual(planFault(mini, { kind: 'pop-undrain', pop: 'west' }, NO_NETEM).apply, plan.revert);
});

test('server-unhealthy forces the edge service unhealthy through its admin API and waits for the withdrawal', (t) => {
  const plan = planFault(mini, { kind: 'server-unhealthy', server: 'east/edge-2' }, NO_NETEM);
  t.deepEqual(show(plan.apply), [
    [`east-edge-2: POST http://${mgmt('east-edge-2')}:9180/health/force {"unhealthy":true,"reason":"anycast-lab fault server-unhealthy"}`],
    ['east-edge-2: await withdrawn'],
  ]);
  t.deepEqual(show(plan.revert)[1], ['east-edge-2: await announced']);
});

test('server-crash darkens one server only', (t) => {
  const plan = planFault(mini, { kind: 'server-crash', server: 'west/edge-1' }, NO_NETEM);
  t.deepEqual(show(plan.apply), [[`west-edge-1: lab-cut ${CUT_CHAINS.crash} ${address('west-edge-1', 'lan-west')}`]]);
  t.deepEqual(show(plan.revert)[1], [`west-edge-1: await ${address('west', 'lan-west')}`]);
});

test('link-down takes both ends down at once, by address, whichever way round the link is named', (t) => {
  const plan = planFault(mini, { kind: 'link-down', link: { a: 't-east', b: 't-west' } }, NO_NETEM);
  t.is(plan.target, 't-east--t-west');
  t.deepEqual(show(plan.apply), [
    [`t-east: lab-link down ${address('t-east', 't-west--t-east')}`, `t-west: lab-link down ${address('t-west', 't-west--t-east')}`],
  ]);
  t.deepEqual(show(plan.revert), [
    [`t-east: lab-link up ${address('t-east', 't-west--t-east')}`, `t-west: lab-link up ${address('t-west', 't-west--t-east')}`],
    [`t-east: await ${address('t-west', 't-west--t-east')}`],
  ]);
});

test('link-up on the origin link gives the origin back its default route', (t) => {
  const plan = planFault(mini, { kind: 'link-up', link: { a: 't-east', b: 'origin' } }, NO_NETEM);
  const router = address('t-east', 't-east--origin');
  t.deepEqual(show(plan.apply), [[`t-east: lab-link up ${router}`, `origin: lab-link up ${address('origin', 't-east--origin')} ${router}`]]);
  t.deepEqual(plan.revert, []);
});

test('link-impair: delay without netem on a link no wire carries is refused, naming the missing kernel feature and the way out', (t) => {
  const error = t.throws(() => planFault(mini, { kind: 'link-impair', link: { a: 't-west', b: 'west' }, impairment: { delayMs: 200 }, direction: 'both' }, NO_NETEM));
  t.true(error instanceof AnycastLabError);
  t.is((error as AnycastLabError).code, 'FAULT_UNSUPPORTED');
  t.regex(error!.message, /CONFIG_NET_SCH_NETEM/);
  t.regex(error!.message, /t-west--west is not on a wire.*mechanism: wire/);
});

test('link-impair: without netem, delay on a link the wire carries (its topology delay) is set on the relay, and the revert puts the topology`s back', (t) => {
  const plan = planFault(mini, { kind: 'link-impair', link: { a: 't-west', b: 't-east' }, impairment: { delayMs: 200 }, direction: 'both' }, NO_NETEM);
  const west = address('t-west', 't-west--t-east');
  const east = address('t-east', 't-west--t-east');
  t.deepEqual(show(plan.apply), [[`t-west: lab-timed lab-impair set ${west} 200 0 0 0`, `t-east: lab-timed lab-impair set ${east} 200 0 0 0`]]);
  t.deepEqual(show(plan.revert), [[`t-west: lab-timed lab-impair set ${west} 20 0 0 0`, `t-east: lab-timed lab-impair set ${east} 20 0 0 0`]]);
});

test('link-impair: on a wire, a jitter larger than the delay it would leave is refused before anything is done', (t) => {
  const error = t.throws(() => planFault(mini, { kind: 'link-impair', link: { a: 't-west', b: 't-east' }, impairment: { jitterMs: 30 }, direction: 'both' }, NO_NETEM));
  t.is((error as AnycastLabError).code, 'FAULT_UNSUPPORTED');
  t.regex(error!.message, /jitter would be 30 ms around a delay of 20 ms/);
});

test('link-impair: loss one way on a link without a wire impairs one end only and clears on revert', (t) => {
  const plan = planFault(mini, { kind: 'link-impair', link: { a: 't-west', b: 'west' }, impairment: { lossPercent: 20 }, direction: 'b-to-a' }, NO_NETEM);
  const end = address('west', 't-west--west');
  t.deepEqual(show(plan.apply), [[`west: lab-timed lab-impair set ${end} 0 0 20 0`]]);
  t.deepEqual(show(plan.revert), [[`west: lab-timed lab-impair clear ${end}`]]);
});

test('link-impair: loss one way on a wire link keeps the delay the wire carries', (t) => {
  const plan = planFault(mini, { kind: 'link-impair', link: { a: 't-east', b: 't-west' }, impairment: { lossPercent: 20 }, direction: 'a-to-b' }, NO_NETEM);
  const end = address('t-east', 't-west--t-east');
  t.deepEqual(show(plan.apply), [[`t-east: lab-timed lab-impair set ${end} 20 0 20 0`]]);
  t.deepEqual(show(plan.revert), [[`t-east: lab-timed lab-impair set ${end} 20 0 0 0`]]);
});

test('link-impair with netem adds to the link`s own delay, and the revert puts the topology`s back', (t) => {
  const plan = planFault(mini, { kind: 'link-impair', link: { a: 't-west', b: 't-east' }, impairment: { lossPercent: 5, rateKbit: 1000 }, direction: 'both' }, NETEM);
  const west = address('t-west', 't-west--t-east');
  const east = address('t-east', 't-west--t-east');
  t.deepEqual(show(plan.apply), [[`t-west: lab-timed lab-impair set ${west} 20 0 5 1000`, `t-east: lab-timed lab-impair set ${east} 20 0 5 1000`]]);
  t.deepEqual(show(plan.revert), [[`t-west: lab-timed lab-impair set ${west} 20 0 0 0`, `t-east: lab-timed lab-impair set ${east} 20 0 0 0`]]);
});

test('bgp-session-down shuts the neighbour on the named router; up lifts it on both ends', (t) => {
  const down = planFault(mini, { kind: 'bgp-session-down', session: { router: 't-west', peer: 'west' } }, NO_NETEM);
  const westAddress = address('west', 't-west--west');
  const tWestAddress = address('t-west', 't-west--west');
  t.is(down.target, 't-west peer west');
  t.deepEqual(show(down.apply), [[`t-west: lab-timed vtysh configure terminal router bgp 65010 neighbor ${westAddress} shutdown end`]]);
  const up = planFault(mini, { kind: 'bgp-session-up', session: { router: 't-west', peer: 'west' } }, NO_NETEM);
  t.deepEqual(show(up.apply), [
    [
      `t-west: lab-timed vtysh configure terminal router bgp 65010 no neighbor ${westAddress} shutdown end`,
      `west: lab-timed vtysh configure terminal router bgp 64500 no neighbor ${tWestAddress} shutdown end`,
    ],
    [`t-west: await ${westAddress}`],
  ]);
  t.deepEqual(down.revert, up.apply);
});

test('a partition of a PoP takes its servers along and cuts only the link that crosses', (t) => {
  const plan = planFault(mini, { kind: 'partition', nodes: ['west'] }, NO_NETEM);
  t.deepEqual(show(plan.apply), [[`west: lab-cut ${CUT_CHAINS.partition} ${address('west', 't-west--west')}`]]);
  t.deepEqual(show(plan.revert), [
    [`west: lab-uncut ${CUT_CHAINS.partition} ${address('west', 't-west--west')}`],
    [`t-west: await ${address('west', 't-west--west')}`],
  ]);
});

test('a partition of a transit cuts each of its links', (t) => {
  const plan = planFault(mini, { kind: 'partition', nodes: ['t-west'] }, NO_NETEM);
  const cut = plan.apply[0]![0]!;
  t.is(plan.apply[0]!.length, 1);
  t.deepEqual(cut.op === 'exec' ? cut.argv.slice(5) : [], findNode(mini, 't-west').interfaces.map((i) => i.address));
});

test('heal lifts partitions on every node and nothing else', (t) => {
  const plan = planFault(mini, { kind: 'heal' }, NO_NETEM);
  t.is(plan.apply[0]!.length, mini.nodes.length);
  t.true(show(plan.apply)[0]!.every((line) => line.endsWith(`lab-uncut ${CUT_CHAINS.partition}`)));
});

test('a flap switches the link only; its revert brings it up for good', (t) => {
  const plan = planFault(mini, { kind: 'flap', target: { link: { a: 't-west', b: 'west' } }, count: 3, periodMs: 4000, downForMs: 1000 }, NO_NETEM);
  t.deepEqual(plan.apply, []);
  t.is(plan.flap?.count, 3);
  t.deepEqual(show(plan.flap!.down), [[`t-west: lab-link down ${address('t-west', 't-west--west')}`, `west: lab-link down ${address('west', 't-west--west')}`]]);
  t.is(plan.flap!.up.length, 1);
  t.is(plan.revert.length, 2);
});

test('unknown names are refused with what the lab has and a likely typo', (t) => {
  const pop = t.throws(() => planFault(mini, { kind: 'pop-crash', pop: 'weest' }, NO_NETEM));
  t.is((pop as AnycastLabError).code, 'USAGE');
  t.regex(pop!.message, /no PoP "weest" \(did you mean "west"\?\); it has: west, east/);
  const link = t.throws(() => planFault(mini, { kind: 'link-down', link: { a: 'west', b: 't-east' } }, NO_NETEM));
  t.regex(link!.message, /no link "west--t-east"/);
  const session = t.throws(() => planFault(mini, { kind: 'bgp-session-down', session: { router: 'west', peer: 'east' } }, NO_NETEM));
  t.regex(session!.message, /west has no BGP session with east; its neighbours: t-west, west-edge-1, west-edge-2/);
  const server = t.throws(() => planFault(mini, { kind: 'server-crash', server: 'west/edge-9' }, NO_NETEM));
  t.regex(server!.message, /no edge server "west\/edge-9"/);
});
