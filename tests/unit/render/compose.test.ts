import { readFileSync } from 'node:fs';
import test from 'ava';
import { parse } from 'yaml';
import { planAddresses } from '../../../orchestrator/src/plan/addressing.ts';
import { MONITORING_PROFILE, renderCompose, renderComposeEnv } from '../../../orchestrator/src/render/compose.ts';
import { LABEL } from '../../../contracts/labels.ts';
import { renderLabSpec } from '../../../orchestrator/src/render/lab-spec.ts';
import { ROOT, shippedTopology } from '../../helpers/topologies.ts';

async function worldSpec() {
  return renderLabSpec(planAddresses(await shippedTopology('world')));
}

test('the checked-in docker-compose.yml and .env are what the renderer makes of topology/world.yaml (with its Prometheus)', async (t) => {
  const spec = renderLabSpec(planAddresses(await shippedTopology('world')), { monitoring: true });
  const hint = 'run `npx anycast-lab compose topology/world.yaml` and commit the result';
  t.is(readFileSync(`${ROOT}docker-compose.yml`, 'utf8'), renderCompose(spec, 'topology/world.yaml'), hint);
  t.is(readFileSync(`${ROOT}.env`, 'utf8'), renderComposeEnv(spec), hint);
});

test('compose: every network internal with its subnet, no top-level name, services labelled and addressed as the spec says', async (t) => {
  const spec = await worldSpec();
  const doc = parse(renderCompose(spec, 'topology/world.yaml'), { version: '1.1' }) as {
    name?: string;
    services: Record<string, { labels: Record<string, string>; networks?: Record<string, { ipv4_address: string }>; privileged?: boolean; restart?: unknown }>;
    networks: Record<string, { internal: boolean; ipam: { config: { subnet: string }[] } }>;
  };
  t.is(doc.name, undefined);
  t.is(Object.keys(doc.networks).length, spec.networks.length);
  for (const net of spec.networks) {
    t.true(doc.networks[net.key]!.internal);
    t.is(doc.networks[net.key]!.ipam.config[0]!.subnet, net.subnet);
  }
  for (const c of spec.containers) {
    const service = doc.services[c.node]!;
    t.is(service.labels[LABEL.lab], 'world');
    t.is(service.privileged, undefined);
    t.deepEqual(Object.values(service.networks!).map((n) => n.ipv4_address), c.networks.map((n) => n.address));
  }
  // YAML 1.1 readers (Compose v1) must read restart as the string "no", not false.
  t.is(doc.services.bridges!.restart, 'no');
});

test('compose escapes $ in configs, since Compose would interpolate it', async (t) => {
  const spec = await worldSpec();
  const first = spec.containers[0]!;
  const tricky = { ...spec, containers: [{ ...first, env: { ...first.env, FRR_CONF: 'a $b' } }] };
  t.regex(renderCompose(tricky, 'x.yaml'), /FRR_CONF: a \$\$b/);
});

test('compose: the Prometheus service is in the profile monitoring, and the other services are what they are without it', async (t) => {
  const plan = planAddresses(await shippedTopology('world'));
  type Doc = { services: Record<string, { profiles?: string[] }>; networks: unknown };
  const plain = parse(renderCompose(renderLabSpec(plan), 'topology/world.yaml'), { version: '1.1' }) as Doc;
  const monitored = parse(renderCompose(renderLabSpec(plan, { monitoring: true }), 'topology/world.yaml'), { version: '1.1' }) as Doc;
  const { prometheus, ...others } = monitored.services;
  t.deepEqual(prometheus!.profiles, [MONITORING_PROFILE]);
  t.deepEqual(others, plain.services);
  t.deepEqual(monitored.networks, plain.networks);
  t.false(Object.values(plain.services).some((s) => s.profiles !== undefined));
});
