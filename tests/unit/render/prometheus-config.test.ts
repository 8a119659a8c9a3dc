import test from 'ava';
import { parse } from 'yaml';
import { MONITORING_ENV } from '../../../contracts/env.ts';
import { LABEL, MONITORING_ROLE } from '../../../contracts/labels.ts';
import { PORTS } from '../../../contracts/ports.ts';
import { MAX_CONTAINERS } from '../../../orchestrator/src/model/containers.ts';
import { planAddresses } from '../../../orchestrator/src/plan/addressing.ts';
import { monitoringAddress, MONITORING_HOST_INDEX } from '../../../orchestrator/src/plan/monitoring-address.ts';
import { renderLabSpec } from '../../../orchestrator/src/render/lab-spec.ts';
import { renderPrometheusConfig, scrapeJobs } from '../../../orchestrator/src/render/prometheus-config.ts';
import { shippedTopology } from '../../helpers/topologies.ts';

interface PrometheusYaml {
  global: { scrape_interval: string; scrape_timeout: string; external_labels: Record<string, string> };
  scrape_configs: { job_name: string; metrics_path: string; static_configs: { targets: string[]; labels: Record<string, string> }[] }[];
}

async function miniPlan() {
  return planAddresses(await shippedTopology('mini'));
}

test('mini: every router exporter, every edge /metrics and Prometheus itself, at their management addresses', async (t) => {
  const plan = await miniPlan();
  const config = parse(renderPrometheusConfig(plan)) as PrometheusYaml;
  t.deepEqual(config.global, { scrape_interval: '5s', scrape_timeout: '4s', evaluation_interval: '5s', external_labels: { lab: 'mini' } } as never);
  const targets = Object.fromEntries(config.scrape_configs.map((j) => [j.job_name, j.static_configs.map((s) => [s.targets.join(), s.labels.node])]));
  const at = (node: string, port: number) => [`${plan.nodes.find((n) => n.name === node)!.mgmtAddress}:${port}`, node];
  t.deepEqual(targets, {
    prometheus: [['198.19.0.254:9090', 'prometheus']],
    frr: ['t-west', 't-east', 'west', 'east', 'users-west', 'users-east'].map((n) => at(n, PORTS.frrExporter)),
    edge: ['west-edge-1', 'west-edge-2', 'east-edge-1', 'east-edge-2'].map((n) => at(n, PORTS.edgeAdmin)),
  });
  t.true(config.scrape_configs.every((j) => j.metrics_path === '/metrics'));
});

test('targets carry role and group; probes, bots and the origin (no metrics) are no targets', async (t) => {
  const jobs = scrapeJobs(await miniPlan());
  const all = jobs.flatMap((j) => j.targets);
  t.deepEqual(all.find((x) => x.labels['node'] === 'west-edge-1')!.labels, { node: 'west-edge-1', role: 'edge', group: 'west' });
  t.deepEqual(all.find((x) => x.labels['node'] === 't-west')!.labels, { node: 't-west', role: 'transit' });
  t.false(all.some((x) => ['probe', 'bot', 'origin'].includes(x.labels['role']!)));
});

test('world: the config is a pure function of the plan (same plan, same text) and names every router once', async (t) => {
  const plan = planAddresses(await shippedTopology('world'));
  t.is(renderPrometheusConfig(plan), renderPrometheusConfig(planAddresses(await shippedTopology('world'))));
  const frr = scrapeJobs(plan).find((j) => j.job === 'frr')!;
  const routers = plan.nodes.filter((n) => ['transit', 'pop-router', 'access-router'].includes(n.role));
  t.is(frr.targets.length, routers.length);
  t.is(new Set(frr.targets.map((x) => x.address)).size, routers.length);
});

test("Prometheus's address is the management /24's .254, never a node's: nodes end at .251", async (t) => {
  const plan = await miniPlan();
  t.is(monitoringAddress(plan), '198.19.0.254');
  t.true(MAX_CONTAINERS + 1 < MONITORING_HOST_INDEX);
  t.false(plan.nodes.some((n) => n.mgmtAddress === monitoringAddress(plan)));
});

test('--monitoring adds one container, on the management network only, and changes no other', async (t) => {
  const plan = await miniPlan();
  const plain = renderLabSpec(plan);
  const monitored = renderLabSpec(plan, { monitoring: true });
  t.deepEqual(monitored.containers.slice(0, -1), plain.containers);
  t.deepEqual(monitored.networks, plain.networks);
  t.false(plain.containers.some((c) => c.role === MONITORING_ROLE));
  const prometheus = monitored.containers.at(-1)!;
  t.like(prometheus, { name: 'mini-prometheus', node: 'prometheus', role: MONITORING_ROLE, image: 'monitoring', restart: 'on-failure' });
  t.deepEqual(prometheus.networks, [{ network: 'mini-mgmt', address: '198.19.0.254' }]);
  t.is(prometheus.labels[LABEL.role], MONITORING_ROLE);
  t.is(prometheus.env[MONITORING_ENV.listen], '198.19.0.254:9090');
  t.is(prometheus.env[MONITORING_ENV.config], renderPrometheusConfig(plan));
  t.regex(prometheus.labels[LABEL.specHash]!, /^[0-9a-f]{16}$/);
});
