import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { LABEL } from '../../contracts/labels.ts';
import { nearestPops } from '../../orchestrator/src/plan/nearest-pop.ts';
import { planAddresses } from '../../orchestrator/src/plan/addressing.ts';
import { renderCompose, renderComposeEnv } from '../../orchestrator/src/render/compose.ts';
import { renderLabSpec } from '../../orchestrator/src/render/lab-spec.ts';
import { readLabStatus } from '../../orchestrator/src/lab/status.ts';
import { waitUntilReady } from '../../orchestrator/src/lab/readiness.ts';
import type { Readiness } from '../../orchestrator/src/lab/readiness.ts';
import type { Topology } from '../../orchestrator/src/model/types.ts';
import { E2E_POOLS, e2eTopology, removeE2eLab, runtime, upE2eLab } from '../helpers/e2e.ts';
import { ROOT } from '../helpers/topologies.ts';

const LAB = 'e2e-lab';

test.after.always(async () => {
  await removeE2eLab(LAB);
});

function assertNearestCatchment(t: import('ava').ExecutionContext, topology: Topology, readiness: Readiness): void {
  t.is(readiness.catchment.length, topology.clients.reduce((n, c) => n + c.probes, 0));
  for (const entry of readiness.catchment) {
    const expected = nearestPops(topology, entry.client);
    t.is(entry.outcome, 'ok', entry.probe);
    t.deepEqual([entry.pop], expected?.pops, `${entry.client} should be served by its nearest PoP`);
  }
}

test.serial('mini comes up: every BGP session Established, every client served by its nearest PoP', async (t) => {
  const topology = await e2eTopology('mini', { lab: LAB, pool: E2E_POOLS.lab });
  const result = await upE2eLab(topology);
  t.true(result.changed);
  const expectedEnds = result.plan.sessions.length * 2;
  t.is(result.readiness.sessions.filter((s) => s.state === 'Established').length, expectedEnds);
  assertNearestCatchment(t, topology, result.readiness);
});

test.serial('a second up of a running lab changes nothing', async (t) => {
  const result = await upE2eLab(await e2eTopology('mini', { lab: LAB, pool: E2E_POOLS.lab }));
  t.false(result.changed);
});

test.serial('up after a crashed up recovers: missing and stopped containers are made again', async (t) => {
  await runtime.removeContainer(`${LAB}-east-edge-2`);
  await runtime.kill(`${LAB}-users-west`);
  const topology = await e2eTopology('mini', { lab: LAB, pool: E2E_POOLS.lab });
  const result = await upE2eLab(topology);
  t.true(result.changed);
  assertNearestCatchment(t, topology, result.readiness);
});

test.serial('status reads the lab by its labels: nodes, sessions, catchment', async (t) => {
  const status = await readLabStatus(runtime, LAB);
  const plan = planAddresses(await e2eTopology('mini', { lab: LAB, pool: E2E_POOLS.lab }));
  t.deepEqual(status.nodes.map((n) => n.name).sort(), plan.nodes.map((n) => n.name).sort());
  t.true(status.nodes.every((n) => n.state === 'running'));
  t.true(status.bgp.length > 0 && status.bgp.every((s) => s.state === 'Established'));
  t.deepEqual(status.catchment.map((c) => [c.client, c.pop]), [['users-east', 'east'], ['users-west', 'west']]);
});

test.serial('the CLI refuses an invalid topology and creates nothing', async (t) => {
  const result = await execa('node', [`${ROOT}orchestrator/bin/anycast-lab.mjs`, 'up', `${ROOT}tests/fixtures/topologies/bad/several-errors.yaml`, '--name', 'e2e-invalid'], { reject: false });
  t.is(result.exitCode, 1);
  t.regex(result.stderr, /several-errors\.yaml:\d+:\d+/);
  t.deepEqual(await runtime.listContainers({ [LABEL.lab]: 'e2e-invalid' }), []);
  t.deepEqual(await runtime.listNetworks({ [LABEL.lab]: 'e2e-invalid' }), []);
});

test.serial('down removes every container and network with the lab label', async (t) => {
  await removeE2eLab(LAB);
  t.deepEqual(await runtime.listContainers({ [LABEL.lab]: LAB }), []);
  t.deepEqual(await runtime.listNetworks({ [LABEL.lab]: LAB }), []);
});

// The checked-in docker-compose.yml is what the renderer makes of topology/world.yaml (a unit test
// checks that); here the same rendering, under this test's lab name and pool so that it never meets
// a lab a person has up, is started by docker-compose itself.
test.serial('docker-compose up -d of the rendered Compose file reaches the same catchments; down by label removes it', async (t) => {
  const topology = await e2eTopology('world', { lab: LAB, pool: E2E_POOLS.lab });
  const spec = renderLabSpec(planAddresses(topology));
  const dir = mkdtempSync(join(tmpdir(), 'anycast-lab-compose-'));
  symlinkSync(`${ROOT}images`, join(dir, 'images'));
  writeFileSync(join(dir, 'docker-compose.yml'), renderCompose(spec, 'topology/world.yaml'));
  writeFileSync(join(dir, '.env'), renderComposeEnv(spec));
  t.teardown(() => removeE2eLab(LAB));
  const compose = await execa('docker-compose', ['up', '-d', '--no-build'], { cwd: dir, reject: false });
  t.is(compose.exitCode, 0, compose.stderr);
  const readiness = await waitUntilReady(runtime, planAddresses(topology), { timeoutMs: 240_000 });
  assertNearestCatchment(t, topology, readiness);
  await removeE2eLab(LAB);
  t.deepEqual(await runtime.listContainers({ [LABEL.lab]: LAB }), []);
  t.deepEqual(await runtime.listNetworks({ [LABEL.lab]: LAB }), []);
});
