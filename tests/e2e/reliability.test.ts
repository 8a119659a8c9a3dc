import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { execa, type ResultPromise } from 'execa';
import { agentAt } from '../../contracts/agent-client.ts';
import { EDGE_ADMIN_PATHS, type AnnouncementView } from '../../contracts/edge-admin.ts';
import { imageRef } from '../../contracts/images.ts';
import { LABEL } from '../../contracts/labels.ts';
import { FaultStore } from '../../orchestrator/src/chaos/faults/fault-store.ts';
import { probeOnce } from '../../orchestrator/src/lab/observe.ts';
import { waitUntilReady, type Readiness } from '../../orchestrator/src/lab/readiness.ts';
import { upLab } from '../../orchestrator/src/lab/up.ts';
import { loadTopology } from '../../orchestrator/src/model/topology.ts';
import { findNode, planAddresses } from '../../orchestrator/src/plan/addressing.ts';
import type { AddressPlan } from '../../orchestrator/src/plan/types.ts';
import { silentProgress } from '../../orchestrator/src/progress.ts';
import { renderLabSpec } from '../../orchestrator/src/render/lab-spec.ts';
import { networkName } from '../../orchestrator/src/render/resource-names.ts';
import { E2E_POOLS, e2eTopology, removeE2eLab, runtime, upE2eLab } from '../helpers/e2e.ts';
import { edgeAdmin, waitUntil } from '../helpers/lab-control.ts';
import { ROOT } from '../helpers/topologies.ts';

/**
 * What a lab survives: a failed `up` of the running lab, SIGTERM in the middle of a chaos run,
 * kill -9 of `up` followed by `down`. The lab stays serving, nothing stays in force, nothing is left.
 */

const LAB = 'e2e-rel';
const KILLED_LAB = 'e2e-rel-kill';
const POOL = E2E_POOLS.reliability;
const CLI = `${ROOT}orchestrator/bin/anycast-lab.mjs`;
/** A foreign container on one of the lab's networks (nobody's label), holding an address `up` wants. */
const SQUATTER = 'e2e-rel-squatter';

let plan: AddressPlan;

test.before(async () => {
  ({ plan } = await upE2eLab(await e2eTopology('mini', { lab: LAB, pool: POOL })));
});

test.after.always(async () => {
  await execa('docker', ['rm', '-f', SQUATTER], { reject: false });
  await execa('node', [CLI, 'fault', 'revert', '--all', '--force', '--lab', LAB], { reject: false });
  await removeE2eLab(LAB);
  await removeE2eLab(KILLED_LAB);
});

function cli(args: readonly string[]): ResultPromise<{ reject: false; all: true }> {
  return execa('node', [CLI, ...args], { reject: false, all: true });
}

/** Resolves once the child's stderr has printed a line matching `pattern` (rejects if it exits first). */
function stderrLine(child: ResultPromise, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const line = seen.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) {
        child.stderr?.off('data', onData);
        resolve(line);
      }
    };
    child.stderr?.on('data', onData);
    child.then(
      () => reject(new Error(`exited before printing ${pattern}:\n${seen}`)),
      () => reject(new Error(`failed before printing ${pattern}:\n${seen}`)),
    );
  });
}

/** Every container of the plan running, every session Established, every client on its own PoP, every probe answered. */
async function assertServing(t: ExecutionContext, what: string): Promise<Readiness> {
  const containers = await runtime.listContainers({ [LABEL.lab]: LAB });
  const notRunning = plan.nodes.filter((n) => containers.find((c) => c.labels[LABEL.node] === n.name)?.state !== 'running').map((n) => n.name);
  t.deepEqual(notRunning, [], `${what}: every container of the lab still there and running`);
  const readiness = await waitUntilReady(runtime, plan, { timeoutMs: 60_000 });
  t.deepEqual(readiness.catchment.map((c) => [c.client, c.pop, c.outcome]).sort(), [['users-east', 'east', 'ok'], ['users-west', 'west', 'ok']], `${what}: catchment`);
  for (const probe of plan.nodes.filter((n) => n.role === 'probe')) {
    const answer = await probeOnce(probe.mgmtAddress, 2000);
    t.is(answer.outcome, 'ok', `${what}: ${probe.name} answered`);
  }
  return readiness;
}

test.serial('a failed up of the running lab leaves it running and serving', async (t) => {
  const started = Date.now();
  // The edited copy passes validation and only adds a bot to bots-west; the management addresses
  // of the nodes after it move, so up replaces those containers first. The new bot's LAN address is
  // held by a foreign container, so Docker refuses to attach it after up has removed and made others.
  const dir = await mkdtemp(join(tmpdir(), 'anycast-lab-rel-'));
  const edited = join(dir, 'mini-one-more-bot.yaml');
  const original = await readFile(`${ROOT}topology/mini.yaml`, 'utf8');
  t.true(original.includes('{ name: bots-west, client: users-west, bots: 1,'));
  await writeFile(edited, original.replace('{ name: bots-west, client: users-west, bots: 1,', '{ name: bots-west, client: users-west, bots: 2,'));
  const topology = await e2eTopology('mini', { lab: LAB, pool: POOL });
  const editedTopology = await loadTopology(edited, { lab: LAB, pool: POOL });
  const editedPlan = planAddresses(editedTopology);
  const specHash = new Map(renderLabSpec(plan).containers.map((c) => [c.node, c.labels[LABEL.specHash]]));
  const toReplace = renderLabSpec(editedPlan).containers.filter((c) => specHash.has(c.node) && specHash.get(c.node) !== c.labels[LABEL.specHash]).map((c) => c.node).sort();
  t.true(toReplace.length > 0, 'the edited copy makes up replace containers before it adds the bot');
  const lan = findNode(editedPlan, 'bots-west-2').interfaces[0]!;
  t.teardown(() => execa('docker', ['rm', '-f', SQUATTER], { reject: false }));
  const squat = await execa('docker', [
    'run', '-d', '--name', SQUATTER, '--network', networkName(LAB, lan.network), '--ip', lan.address,
    '--entrypoint', 'sleep', imageRef('client'), 'infinity',
  ], { reject: false });
  t.is(squat.exitCode, 0, squat.stderr);

  const idsBefore = new Map((await runtime.listContainers({ [LABEL.lab]: LAB })).map((c) => [c.name, c.id]));
  const error = await t.throwsAsync(upLab(runtime, editedTopology, silentProgress, { buildImages: false, readyTimeoutMs: 60_000 }));
  t.log(`second up failed: ${error?.message.split('\n')[0]}`);
  t.regex(error?.message ?? '', /already in use|address/i);
  const after = await runtime.listContainers({ [LABEL.lab]: LAB });
  const replaced = after.filter((c) => idsBefore.has(c.name) && idsBefore.get(c.name) !== c.id).map((c) => c.labels[LABEL.node]).sort();
  t.deepEqual(replaced, toReplace, `up had changed the lab before it failed: ${toReplace.join(', ')} made again`);
  await assertServing(t, 'after the failed up');
  t.log(`failed up + serving check: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // The lab is made whole again by an up of its own topology once the address is free.
  await execa('docker', ['rm', '-f', SQUATTER]);
  const again = await upE2eLab(topology);
  t.true(again.changed);
  t.is((await runtime.listContainers({ [LABEL.lab]: LAB })).length, plan.nodes.length);
  t.log(`whole test: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test.serial('SIGTERM during chaos run: exit 130, no fault in force, the PoP serves again, no probe job left', async (t) => {
  const started = Date.now();
  const run = cli(['chaos', 'run', `${ROOT}topology/scenarios/mini-pop-drain.yaml`, '--lab', LAB, '--pool', POOL, '--no-build']);
  const applied = await stderrLine(run, /: pop-drain west/);
  const store = new FaultStore(LAB);
  t.is((await store.list())[0]?.kind, 'pop-drain', `in force when SIGTERM is sent (${applied.trim()})`);
  const signalledAt = Date.now();
  run.kill('SIGTERM');
  const result = await run;
  t.log(`exit ${result.exitCode} ${((Date.now() - signalledAt) / 1000).toFixed(1)} s after SIGTERM`);
  t.is(result.exitCode, 130, result.all);
  t.regex(result.all ?? '', /terminated: taking back every fault/);

  t.deepEqual(await store.list(), [], 'faults.json holds no fault in force');
  for (const server of plan.nodes.filter((n) => n.role === 'edge' && n.name.startsWith('west-'))) {
    const view = await edgeAdmin<AnnouncementView>(plan, server.name, 'GET', EDGE_ADMIN_PATHS.announcement);
    t.like(view, { state: 'announced', mode: 'serving' }, `${server.name} announces again`);
  }
  await assertServing(t, 'after SIGTERM');
  for (const agent of plan.nodes.filter((n) => n.role === 'probe' || n.role === 'bot')) {
    const health = await agentAt(agent.mgmtAddress, undefined, { timeoutMs: 5000 }).health();
    t.is(health.probes, 0, `${agent.name}: no probe job left running`);
    t.is(health.attacks, 0, `${agent.name}: no attack left running`);
  }
  t.log(`whole test: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** DOCKER-USER rules as `iptables -S` prints them, on this host. */
async function dockerUserRules(): Promise<string[]> {
  const { stdout } = await execa('iptables', ['-S', 'DOCKER-USER']);
  return stdout.split('\n').filter((l) => l.startsWith('-A '));
}

test.serial('kill -9 of up while it makes containers, then down: nothing of the lab is left, other rules untouched', async (t) => {
  const started = Date.now();
  await removeE2eLab(LAB);
  const othersBefore = (await dockerUserRules()).filter((r) => !r.includes(`anycast-lab:${KILLED_LAB}`));
  const up = cli(['up', `${ROOT}topology/mini.yaml`, '--name', KILLED_LAB, '--pool', POOL, '--no-build']);
  await stderrLine(up, /networks: \d+\/\d+/);
  // Killed while it makes containers: the networks and the firewall rules exist, some containers too.
  await waitUntil('containers of the killed lab', async () => (await runtime.listContainers({ [LABEL.lab]: KILLED_LAB })).length, (n) => n >= 3, 60_000);
  up.kill('SIGKILL');
  const killed = await up;
  t.is(killed.signal, 'SIGKILL');
  const made = (await runtime.listContainers({ [LABEL.lab]: KILLED_LAB })).length;
  const rules = (await dockerUserRules()).filter((r) => r.includes(`anycast-lab:${KILLED_LAB}`)).length;
  t.log(`killed with ${made} containers, ${(await runtime.listNetworks({ [LABEL.lab]: KILLED_LAB })).length} networks and ${rules} DOCKER-USER rules of the lab`);
  t.true(rules > 0, 'the kill came after the firewall rules');

  const down = await cli(['down', KILLED_LAB]);
  t.is(down.exitCode, 0, down.all);
  t.deepEqual((await runtime.listContainers({ [LABEL.lab]: KILLED_LAB })).map((c) => c.name), [], 'no container of the lab');
  t.deepEqual((await runtime.listNetworks({ [LABEL.lab]: KILLED_LAB })).map((n) => n.name), [], 'no network of the lab');
  const after = await dockerUserRules();
  t.deepEqual(after.filter((r) => r.includes(`anycast-lab:${KILLED_LAB}`)), [], 'no DOCKER-USER rule of the lab');
  t.deepEqual(after, othersBefore, "the host's other DOCKER-USER rules untouched");
  t.log(`whole test: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
