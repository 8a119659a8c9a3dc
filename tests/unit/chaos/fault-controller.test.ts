import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { FaultController, revertRecordedFaults } from '../../../orchestrator/src/chaos/faults/fault-controller.ts';
import { FaultStore } from '../../../orchestrator/src/chaos/faults/fault-store.ts';
import type { AddressPlan } from '../../../orchestrator/src/plan/types.ts';
import { shippedPlan } from '../../helpers/topologies.ts';
import { FakeRuntime } from './fake-runtime.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let mini: AddressPlan;
test.before(async () => {
  mini = await shippedPlan('mini');
});

async function setup(t: ExecutionContext): Promise<{ runtime: FakeRuntime; store: FaultStore; controller: FaultController }> {
  const store = new FaultStore('mini', join(tempDir(t, 'faults'), 'faults.json'));
  const runtime = new FakeRuntime(mini);
  return { runtime, store, controller: new FaultController(runtime, mini, store) };
}

test('a fault is in the state file while in force, and a new process can take it back from the file alone', async (t) => {
  const { runtime, store, controller } = await setup(t);
  const fault = await controller.inject({ kind: 'pop-kill', pop: 'west' });
  t.is(fault.id, 'pop-kill-1');
  t.deepEqual(runtime.calls, ['kill mini-west', 'kill mini-west-edge-1', 'kill mini-west-edge-2']);
  const [record] = await store.list();
  t.like(record, { id: 'pop-kill-1', kind: 'pop-kill', target: 'west', pid: process.pid });

  const another = new FakeRuntime(mini);
  for (const node of ['west', 'west-edge-1', 'west-edge-2']) another.states.set(`mini-${node}`, 'exited');
  const reverted = await revertRecordedFaults(another, new FaultStore('mini', store.file));
  t.deepEqual([...reverted.keys()], ['pop-kill-1']);
  // Each start counts once the container takes a no-op command; then the router's sessions are awaited.
  t.deepEqual(another.calls.slice(0, 6), [
    'start mini-west', 'start mini-west-edge-1', 'start mini-west-edge-2',
    'exec mini-west true', 'exec mini-west-edge-1 true', 'exec mini-west-edge-2 true',
  ]);
  t.regex(another.calls[6]!, /^exec mini-west vtysh show bgp summary json$/);
  t.deepEqual(await store.list(), []);
  await t.throwsAsync(readFile(store.file), { code: 'ENOENT' });
});

test('the fault time is when the change took effect in the container, not when it was asked for', async (t) => {
  const { controller } = await setup(t);
  const before = Date.now();
  const fault = await controller.inject({ kind: 'bgp-session-down', session: { router: 't-west', peer: 'west' } });
  t.true(fault.atMs >= before && fault.atMs <= Date.now());
});

test('a fault that fails half way is taken back at once and not left recorded', async (t) => {
  const { runtime, store, controller } = await setup(t);
  runtime.failOn = /^kill mini-west-edge-2$/;
  const error = await t.throwsAsync(controller.inject({ kind: 'pop-kill', pop: 'west' }));
  t.regex(error!.message, /could not apply:\n {2}west-edge-2: kill: fake failure/);
  t.true(runtime.calls.includes('start mini-west'));
  t.deepEqual(await store.list(), []);
});

test('pop-restart after pop-kill runs its commands only once each started container takes commands', async (t) => {
  const { runtime, store, controller } = await setup(t);
  await controller.inject({ kind: 'pop-kill', pop: 'west' });
  runtime.firstExecAfterStartFails = true;
  const repair = await controller.inject({ kind: 'pop-restart', pop: 'west' });
  t.deepEqual(repair.repaired, ['pop-kill-1']);
  t.deepEqual(await store.list(), []);
  // The first no-op in each container got 130 and was tried again; the uncut ran after it.
  for (const node of ['west', 'west-edge-1', 'west-edge-2']) {
    const mine = runtime.calls.filter((c) => c.startsWith(`exec mini-${node} `));
    t.deepEqual(mine.slice(0, 3), [`exec mini-${node} true`, `exec mini-${node} true`, `exec mini-${node} lab-uncut LAB-CRASH`]);
  }
});

test('a revert goes on past a failure, takes back all it can, and keeps the fault it could not take back recorded', async (t) => {
  const { runtime, store, controller } = await setup(t);
  await controller.inject({ kind: 'link-down', link: { a: 't-west', b: 't-east' } });
  await controller.inject({ kind: 'pop-kill', pop: 'east' });
  runtime.failOn = /^start mini-east$/;
  const error = await t.throwsAsync(controller.revertAll());
  t.regex(error!.message, /pop-kill-1 \(pop-kill east\): could not take back:\n {2}east: resume: fake failure/);
  t.regex(error!.message, /still recorded as in force: .*fault revert --all --force --lab mini/);
  t.true(runtime.calls.includes('start mini-east-edge-1'));
  t.true(runtime.calls.some((c) => c.startsWith('exec mini-t-west lab-link up')));
  // PoP east is still killed: its fault stays in the state file, marked, and the link's is gone.
  const left = await store.list();
  t.deepEqual(left.map((r) => r.id), ['pop-kill-1']);
  t.regex(left[0]!.revertFailed!.message, /east: resume: fake failure/);
});

test('a fault whose revert failed is taken back by the next revert that works, and struck out by a forced one that does not', async (t) => {
  const { runtime, store, controller } = await setup(t);
  await controller.inject({ kind: 'pop-kill', pop: 'east' });
  await controller.inject({ kind: 'pop-kill', pop: 'west' });
  runtime.failOn = /^start mini-(east|west)$/;
  await t.throwsAsync(controller.revertAll());
  t.is((await store.list()).length, 2);
  runtime.failOn = /^start mini-west$/;
  await t.throwsAsync(revertRecordedFaults(runtime, store));
  t.deepEqual((await store.list()).map((r) => r.id), ['pop-kill-2'], 'east came back, west is still recorded');
  await t.throwsAsync(revertRecordedFaults(runtime, store, undefined, { force: true }), { message: /struck out all the same \(--force\)/ });
  t.deepEqual(await store.list(), []);
});

test('faults are taken back newest first', async (t) => {
  const { runtime, controller } = await setup(t);
  await controller.inject({ kind: 'link-impair', link: { a: 't-west', b: 't-east' }, impairment: { lossPercent: 10 }, direction: 'a-to-b' });
  await controller.inject({ kind: 'server-crash', server: 'east/edge-1' });
  runtime.calls.length = 0;
  await controller.revertAll();
  t.regex(runtime.calls[0]!, /^exec mini-east-edge-1 lab-uncut LAB-CRASH/);
  t.regex(runtime.calls.at(-1)!, /^exec mini-t-west lab-timed lab-impair set \S+ 20 0 0 0$/, 'back to the 20 ms the wire carries');
});

test('a repair ends the faults it repairs: they leave the state file without a revert of their own', async (t) => {
  const { runtime, store, controller } = await setup(t);
  await controller.inject({ kind: 'link-down', link: { a: 't-west', b: 't-east' } }, { id: 'cut' });
  await controller.inject({ kind: 'bgp-session-down', session: { router: 'west', peer: 't-west' } }, { id: 'shut' });
  const up = await controller.inject({ kind: 'link-up', link: { a: 't-east', b: 't-west' } });
  t.deepEqual(up.repaired, ['cut']);
  t.deepEqual((await store.list()).map((r) => r.id), ['shut']);
  const sessionUp = await controller.inject({ kind: 'bgp-session-up', session: { router: 't-west', peer: 'west' } });
  t.deepEqual(sessionUp.repaired, ['shut']);
  t.deepEqual(await store.list(), []);
  t.false(runtime.calls.some((c) => c.includes('lab-uncut')));
});

test('a flap goes down and up count times on its period, and records each cycle', async (t) => {
  const { runtime, store, controller } = await setup(t);
  const flap = await controller.inject({ kind: 'flap', target: { link: { a: 't-west', b: 'west' } }, count: 3, periodMs: 300, downForMs: 100 });
  await flap.finished;
  t.is(flap.cycles!.length, 3);
  // Each step is due at its time from the first down; on a loaded machine a step may come late
  // (so a down can be shorter than downForMs), never early (a timer may fire a millisecond or two
  // before Date.now() says it is due: the event loop's clock is coarse).
  for (const [i, cycle] of flap.cycles!.entries()) {
    t.true(cycle.downAtMs - flap.atMs >= i * 300 - 5, `cycle ${i} down not before its time`);
    t.true(cycle.upAtMs! - flap.atMs >= i * 300 + 100 - 5, `cycle ${i} up not before its time`);
    t.true(cycle.upAtMs! >= cycle.downAtMs, `cycle ${i} up after down`);
  }
  const links = runtime.calls.filter((c) => c.startsWith('exec mini-t-west lab-link')).map((c) => c.split(' ')[3]);
  t.deepEqual(links, ['down', 'up', 'down', 'up', 'down', 'up']);
  t.is((await store.list()).length, 1, 'still in force until reverted');
  await controller.revert(flap.id);
  t.deepEqual(await store.list(), []);
});

test('reverting a flap stops it between cycles', async (t) => {
  const { runtime, controller } = await setup(t);
  const flap = await controller.inject({ kind: 'flap', target: { session: { router: 't-west', peer: 'west' } }, count: 50, periodMs: 200, downForMs: 100 });
  await new Promise((resolve) => setTimeout(resolve, 250));
  await controller.revert(flap.id);
  const shutdowns = runtime.calls.filter((c) => / neighbor \S+ shutdown/.test(c) && !c.includes('no neighbor')).length;
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.is(runtime.calls.filter((c) => / neighbor \S+ shutdown/.test(c) && !c.includes('no neighbor')).length, shutdowns);
  t.true(shutdowns <= 3);
});

test('a corrupt state file is reported with its path', async (t) => {
  const { store } = await setup(t);
  await writeFile(store.file, '{"faults": 3}');
  const error = await t.throwsAsync(store.list());
  t.regex(error!.message, /faults\.json: not a fault state file/);
});

test('ids are unique in the lab', async (t) => {
  const { controller } = await setup(t);
  await controller.inject({ kind: 'server-crash', server: 'west/edge-1' });
  const second = await controller.inject({ kind: 'server-crash', server: 'west/edge-2' });
  t.is(second.id, 'server-crash-2');
  await t.throwsAsync(controller.inject({ kind: 'pop-crash', pop: 'east' }, { id: 'server-crash-2' }), { message: /already has a fault server-crash-2 in force/ });
});
