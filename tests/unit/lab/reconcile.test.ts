import test from 'ava';
import { isNoop, planReconcile } from '../../../orchestrator/src/lab/reconcile.ts';
import { planAddresses } from '../../../orchestrator/src/plan/addressing.ts';
import { LABEL } from '../../../contracts/labels.ts';
import { renderLabSpec } from '../../../orchestrator/src/render/lab-spec.ts';
import type { LabSpec } from '../../../orchestrator/src/render/lab-spec-types.ts';
import type { ObservedContainer, ObservedNetwork } from '../../../orchestrator/src/runtime/runtime.ts';
import { shippedTopology } from '../../helpers/topologies.ts';

async function miniSpec(): Promise<LabSpec> {
  return renderLabSpec(planAddresses(await shippedTopology('mini')));
}

function observed(spec: LabSpec): { containers: ObservedContainer[]; networks: ObservedNetwork[] } {
  return {
    containers: spec.containers.map((c) => ({ id: c.name, name: c.name, state: 'running', labels: c.labels, imageId: `sha256:${c.image}`, addresses: {} })),
    networks: spec.networks.map((n) => ({ id: n.name, name: n.name, subnets: [n.subnet], labels: n.labels, bridge: n.bridge })),
  };
}

test('a lab that matches its spec needs nothing', async (t) => {
  const spec = await miniSpec();
  const { containers, networks } = observed(spec);
  const plan = planReconcile(spec, containers, networks);
  t.true(isNoop(plan));
  t.is(plan.unchanged, spec.containers.length);
});

test('an empty engine gets everything', async (t) => {
  const spec = await miniSpec();
  const plan = planReconcile(spec, [], []);
  t.is(plan.createNetworks.length, spec.networks.length);
  t.is(plan.createContainers.length, spec.containers.length);
});

test('after an interrupted up: stopped or changed containers are replaced, the rest kept', async (t) => {
  const spec = await miniSpec();
  const { containers, networks } = observed(spec);
  const half = containers.slice(0, 5);
  half[0] = { ...half[0]!, state: 'exited' };
  half[1] = { ...half[1]!, labels: { ...half[1]!.labels, [LABEL.specHash]: 'old' } };
  const plan = planReconcile(spec, half, networks);
  t.deepEqual(plan.removeContainers, [half[0]!.name, half[1]!.name]);
  t.is(plan.createContainers.length, spec.containers.length - 3);
  t.is(plan.createNetworks.length, 0);
});

test('a network whose subnet changed is replaced, and with it every container', async (t) => {
  const spec = await miniSpec();
  const { containers, networks } = observed(spec);
  networks[1] = { ...networks[1]!, subnets: ['198.19.99.0/29'] };
  const plan = planReconcile(spec, containers, networks);
  t.deepEqual(plan.removeNetworks, [networks[1]!.name]);
  t.is(plan.createContainers.length, spec.containers.length);
  t.is(plan.createNetworks.length, 1);
});

test('containers made from an image that was rebuilt since are replaced', async (t) => {
  const spec = await miniSpec();
  const { containers, networks } = observed(spec);
  const plan = planReconcile(spec, containers, networks, { router: 'sha256:router', edge: 'sha256:edge-rebuilt' });
  t.deepEqual(plan.createContainers.map((c) => c.image), spec.containers.filter((c) => c.image === 'edge').map(() => 'edge'));
  t.is(plan.unchanged, spec.containers.length - 4);
});
