import test from 'ava';
import { LABEL, MONITORING_ROLE } from '../../../contracts/labels.ts';
import { labHasMonitoring, monitoringUrlOf } from '../../../orchestrator/src/lab/monitoring.ts';
import { planReconcile } from '../../../orchestrator/src/lab/reconcile.ts';
import { planAddresses } from '../../../orchestrator/src/plan/addressing.ts';
import { renderLabSpec } from '../../../orchestrator/src/render/lab-spec.ts';
import type { ContainerSpec } from '../../../orchestrator/src/render/lab-spec-types.ts';
import type { ContainerState, ObservedContainer } from '../../../orchestrator/src/runtime/runtime.ts';
import { shippedTopology } from '../../helpers/topologies.ts';
import { FakeEngine } from './fake-engine.ts';

function observed(spec: ContainerSpec, state: ContainerState = 'running'): ObservedContainer {
  return {
    id: spec.name,
    name: spec.name,
    state,
    labels: spec.labels,
    imageId: `sha256:${spec.image}`,
    addresses: Object.fromEntries(spec.networks.map((n) => [n.network, n.address])),
  };
}

async function monitoredMini() {
  return renderLabSpec(planAddresses(await shippedTopology('mini')), { monitoring: true });
}

test("status finds a running Prometheus by its role and gives its management address's URL", async (t) => {
  const spec = await monitoredMini();
  const prometheus = spec.containers.find((c) => c.role === MONITORING_ROLE)!;
  const others = spec.containers.filter((c) => c !== prometheus).map((c) => observed(c));
  t.is(monitoringUrlOf('mini', [...others, observed(prometheus)]), 'http://198.19.0.254:9090');
  t.is(monitoringUrlOf('mini', [...others, observed(prometheus, 'exited')]), undefined, 'a stopped Prometheus answers nowhere');
  t.is(monitoringUrlOf('mini', others), undefined);
});

test('a lab has monitoring when a container of it has the monitoring role', async (t) => {
  const spec = await monitoredMini();
  const engine = new FakeEngine();
  for (const c of spec.containers.filter((x) => x.role !== MONITORING_ROLE)) engine.containers.set(c.name, observed(c));
  t.false(await labHasMonitoring(engine, 'mini'));
  const prometheus = spec.containers.find((c) => c.role === MONITORING_ROLE)!;
  engine.containers.set(prometheus.name, observed(prometheus));
  t.true(await labHasMonitoring(engine, 'mini'));
  t.false(await labHasMonitoring(engine, 'other'));
});

test('turning monitoring on or off creates or removes the Prometheus container alone', async (t) => {
  const plain = renderLabSpec(planAddresses(await shippedTopology('mini')));
  const monitored = await monitoredMini();
  const ids = { router: 'sha256:router', edge: 'sha256:edge', client: 'sha256:client', origin: 'sha256:origin', monitoring: 'sha256:monitoring' };
  const on = planReconcile(monitored, plain.containers.map((c) => observed(c)), [], ids);
  t.deepEqual(on.createContainers.map((c) => c.node), ['prometheus']);
  t.deepEqual(on.removeContainers, []);
  const off = planReconcile(plain, monitored.containers.map((c) => observed(c)), [], ids);
  t.deepEqual(off.removeContainers, ['mini-prometheus']);
  t.deepEqual(off.createContainers, []);
  t.is(monitored.containers.find((c) => c.role === MONITORING_ROLE)!.labels[LABEL.role], MONITORING_ROLE);
});
