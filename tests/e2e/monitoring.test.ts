import test from 'ava';
import { readLabStatus } from '../../orchestrator/src/lab/status.ts';
import { ROUTER_ROLES, type AddressPlan } from '../../orchestrator/src/plan/types.ts';
import { scrapeJobs } from '../../orchestrator/src/render/prometheus-config.ts';
import { E2E_POOLS, e2eTopology, removeE2eLab, runtime, upE2eLab } from '../helpers/e2e.ts';
import { waitUntil } from '../helpers/lab-control.ts';

/** `up --monitoring` on mini: Prometheus on the management network scrapes every target, and sees every BGP session. */

const LAB = 'e2e-monitoring';

test.after.always(async () => {
  await removeE2eLab(LAB);
});

interface Sample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

/** An instant query through Prometheus' HTTP API, from the host; a failed request reads as no samples. */
async function query(url: string, promql: string): Promise<Sample[]> {
  try {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`, { signal: AbortSignal.timeout(3000) });
    const body = (await response.json()) as { status: string; data?: { result: Sample[] } };
    return body.status === 'success' ? body.data!.result : [];
  } catch {
    return [];
  }
}

/** `router peer-address` for every session end on a router with an exporter (edge servers have none; their PoP router sees the session). */
function exportedSessionEnds(plan: AddressPlan): string[] {
  const exported = (node: string) => {
    const role = plan.nodes.find((n) => n.name === node)!.role;
    return ROUTER_ROLES.has(role) && role !== 'edge';
  };
  return plan.sessions
    .flatMap((s) => [...(exported(s.a.node) ? [`${s.a.node} ${s.b.address}`] : []), ...(exported(s.b.node) ? [`${s.b.node} ${s.a.address}`] : [])])
    .sort();
}

test.serial('every target is up and every BGP session is reported Established; status says where Prometheus is', async (t) => {
  const result = await upE2eLab(await e2eTopology('mini', { lab: LAB, pool: E2E_POOLS.monitoring }), { monitoring: true });
  const url = result.prometheusUrl!;
  t.is(url, 'http://10.251.0.254:9090');

  const targets = scrapeJobs(result.plan).flatMap((j) => j.targets.map((x) => `${j.job} ${x.labels['node']}`)).sort();
  const up = await waitUntil(
    'every target to be scraped and up',
    () => query(url, 'up'),
    (samples) => samples.length === targets.length && samples.every((s) => s.value[1] === '1'),
  );
  t.deepEqual(up.map((s) => `${s.metric['job']} ${s.metric['node']}`).sort(), targets);

  const ends = exportedSessionEnds(result.plan);
  const established = await waitUntil(
    'every BGP session end to be reported Established',
    () => query(url, 'frr_bgp_peer_established'),
    (samples) => samples.length === ends.length && samples.every((s) => s.value[1] === '1'),
  );
  t.deepEqual(established.map((s) => `${s.metric['node']} ${s.metric['peer']}`).sort(), ends);
  const prefixes = await query(url, 'sum(frr_bgp_peer_prefixes_received)');
  t.true(Number(prefixes[0]?.value[1]) > 0, 'routers receive prefixes');

  t.is((await readLabStatus(runtime, LAB)).prometheusUrl, url);
  // A second up without --monitoring leaves the lab, Prometheus with it, as it is.
  const again = await upE2eLab(await e2eTopology('mini', { lab: LAB, pool: E2E_POOLS.monitoring }), { buildImages: false });
  t.false(again.changed);
  t.is(again.prometheusUrl, url);
});
