import test from 'ava';
import { removeLab } from '../../../orchestrator/src/lab/down.ts';
import { silentProgress } from '../../../orchestrator/src/progress.ts';
import { upLab } from '../../../orchestrator/src/lab/up.ts';
import { planAddresses } from '../../../orchestrator/src/plan/addressing.ts';
import { renderLabSpec } from '../../../orchestrator/src/render/lab-spec.ts';
import type { LabSpec } from '../../../orchestrator/src/render/lab-spec-types.ts';
import { shippedTopology } from '../../helpers/topologies.ts';
import { FakeEngine } from './fake-engine.ts';

/** The in-memory engine's lab, checked against no host routes: a real lab running on this host must not change the outcome. */
const OFF_HOST = { buildImages: false, hostRoutes: async () => [] } as const;

/** A fake engine with the mini lab up as `up` would have left it, firewall rules included. */
async function runningMini(): Promise<{ engine: FakeEngine; spec: LabSpec }> {
  const spec = renderLabSpec(planAddresses(await shippedTopology('mini')));
  const engine = new FakeEngine();
  for (const n of spec.networks) await engine.createNetwork(n);
  await engine.runHostSetup(spec.hostSetup);
  for (const c of spec.containers) await engine.createContainer(c, `anycast-lab/${c.image}:0.1`);
  engine.calls.length = 0;
  return { engine, spec };
}

test('a failed up of a lab that was up leaves it as it was: the rest of the lab is not removed', async (t) => {
  const { engine, spec } = await runningMini();
  // One server stopped: up replaces it, and making the new one fails.
  engine.containers.set('mini-east-edge-1', { ...engine.containers.get('mini-east-edge-1')!, state: 'exited' });
  engine.failOn = /^create container mini-east-edge-1$/;
  await t.throwsAsync(upLab(engine, await shippedTopology('mini'), silentProgress, OFF_HOST), { message: /fake failure/ });
  t.deepEqual(engine.calls.filter((c) => c.startsWith('remove')), ['remove container mini-east-edge-1'], 'only the container it replaced');
  t.is(engine.containers.size, spec.containers.length - 1);
  t.is(engine.networks.size, spec.networks.length);
  t.is(engine.rulesOf('mini').length, spec.networks.length, 'the firewall rules stay');
});

test('an up that would fail for a missing image is refused before anything changes', async (t) => {
  const { engine } = await runningMini();
  const topology = await shippedTopology('mini');
  const moved = { ...topology, addressing: { ...topology.addressing, pool: '198.19.200.0/21' } };
  engine.images.delete('anycast-lab/edge:0.1');
  await t.throwsAsync(upLab(engine, moved, silentProgress, OFF_HOST), { code: 'IMAGE_BUILD_FAILED', message: /no image anycast-lab\/edge:0\.1/ });
  t.deepEqual(engine.calls, [], 'nothing was removed or created');
});

test('a failed up of a new lab removes what it made, its firewall rules too', async (t) => {
  const engine = new FakeEngine();
  engine.failOn = /^create container mini-east-edge-1$/;
  await t.throwsAsync(upLab(engine, await shippedTopology('mini'), silentProgress, OFF_HOST), { message: /fake failure/ });
  t.is(engine.labelled('mini'), 0);
  t.deepEqual(engine.rulesOf('mini'), []);
});

test('up opens the firewall only once the networks exist', async (t) => {
  const engine = new FakeEngine();
  engine.failOn = /^create container/;
  await t.throwsAsync(upLab(engine, await shippedTopology('mini'), silentProgress, OFF_HOST));
  const firstRule = engine.calls.findIndex((c) => c.startsWith('lab-bridges accept mini '));
  const lastNetwork = engine.calls.findLastIndex((c) => c.startsWith('create network'));
  t.true(firstRule > lastNetwork && lastNetwork >= 0, engine.calls.join('\n'));
});

test('up refuses names that another lab holds (labs sharing a dash prefix)', async (t) => {
  const engine = new FakeEngine();
  // Lab "mini"'s edge server west-edge-1 is the container mini-west-edge-1; so is lab "mini-west"'s node edge-1.
  engine.containers.set('mini-west-edge-1', { id: 'x', name: 'mini-west-edge-1', state: 'running', labels: { 'anycast-lab.lab': 'mini-west' }, imageId: '', addresses: {} });
  engine.containers.set('mini-bridges', { id: 'y', name: 'mini-bridges', state: 'exited', labels: {}, imageId: '', addresses: {} });
  const error = await t.throwsAsync(upLab(engine, await shippedTopology('mini'), silentProgress, OFF_HOST), { code: 'LAB_CONFLICT' });
  t.regex(error!.message, /container mini-west-edge-1 belongs to lab mini-west/);
  t.regex(error!.message, /container mini-bridges belongs to no lab of anycast-lab/);
  t.deepEqual(engine.calls, []);
});

test('down removes every firewall rule of the lab even when removing a network fails, and reports the failure', async (t) => {
  const { engine } = await runningMini();
  engine.failOn = /^remove network mini-t-west--t-east$/;
  await t.throwsAsync(removeLab(engine, 'mini'), { message: /fake failure: remove network mini-t-west--t-east/ });
  t.deepEqual(engine.rulesOf('mini'), []);
  t.is(engine.labelled('mini'), 1, 'only the network that failed is left');
});

test('down reports a failing firewall helper instead of ignoring its exit code', async (t) => {
  const { engine } = await runningMini();
  engine.hostSetupExit = 1;
  const error = await t.throwsAsync(removeLab(engine, 'mini'), { code: 'LAB_CONFLICT' });
  t.regex(error!.message, /could not remove the DOCKER-USER rules of lab mini \(exit 1\): lab-bridges: fake failure/);
  t.is(engine.labelled('mini'), 0, 'the containers and networks went all the same');
});

test('down removes the rules of a lab whose networks are already gone, by the lab name alone', async (t) => {
  const { engine } = await runningMini();
  engine.networks.clear();
  engine.containers.clear();
  await removeLab(engine, 'mini');
  t.deepEqual(engine.rulesOf('mini'), []);
});
