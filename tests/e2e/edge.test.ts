import test from 'ava';
import { EDGE_ADMIN_PATHS, type MitigationSnapshot } from '../../contracts/edge-admin.ts';
import { DEFAULT_TUNING } from '../../edge-node/src/config.ts';
import { readProbe, startProbe, stopProbe } from '../../orchestrator/src/chaos/probe-agents.ts';
import { probeOnce } from '../../orchestrator/src/lab/observe.ts';
import { findNode } from '../../orchestrator/src/plan/addressing.ts';
import type { AddressPlan } from '../../orchestrator/src/plan/types.ts';
import { E2E_POOLS, e2eTopology, removeE2eLab, runtime, upE2eLab } from '../helpers/e2e.ts';
import { edgeAdmin, readAttack, startAttack, usedNextHops, waitUntil } from '../helpers/lab-control.ts';

const LAB = 'e2e-edge';
const SERVICE = '198.51.100.10/32';
const ANYCAST = '198.51.100.0/24';
let plan: AddressPlan;

test.before(async () => {
  plan = (await upE2eLab(await e2eTopology('mini', { lab: LAB, pool: E2E_POOLS.edge }))).plan;
});

test.after.always(async () => {
  await removeE2eLab(LAB);
});

const probeNode = () => findNode(plan, 'users-west-probe-1');
const force = (server: string, unhealthy: boolean) => edgeAdmin(plan, server, 'POST', EDGE_ADMIN_PATHS.healthForce, { unhealthy, reason: 'e2e' });

async function probeFor(ms: number, rate: number) {
  const run = await startProbe(probeNode(), { rate, durationMs: ms, timeoutMs: 1000, keepAlive: false, path: '/probe' });
  return {
    finish: async () => {
      const view = await waitUntil('probe run to end', () => readProbe(run), (v) => v.done, ms + 10_000);
      return view.records;
    },
    stop: () => stopProbe(run),
  };
}

test.serial('a server forced unhealthy leaves its PoP router’s ECMP set; the other server takes its traffic', async (t) => {
  t.deepEqual(await usedNextHops(plan, 'west', SERVICE), ['west-edge-1', 'west-edge-2']);
  const probe = await probeFor(8000, 20);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await force('west-edge-1', true);
  const withdrawnAt = Date.now();
  await waitUntil('west-edge-1 to withdraw', () => usedNextHops(plan, 'west', SERVICE), (hops) => hops.join() === 'west-edge-2');
  const records = await probe.finish();
  const after = records.filter((r) => r.sentAt > withdrawnAt + 1000);
  t.true(after.length > 50);
  t.true(after.every((r) => r.outcome === 'ok' && r.pop === 'west' && r.server === 'edge-2'), 'after the withdrawal only west/edge-2 answers');
  await force('west-edge-1', false);
  await waitUntil('west-edge-1 to announce again', () => usedNextHops(plan, 'west', SERVICE), (hops) => hops.length === 2);
});

test.serial('every server of a PoP unhealthy: the /24 leaves upstream and its clients move to the next PoP, then come back', async (t) => {
  t.deepEqual(await usedNextHops(plan, 't-west', ANYCAST), ['west']);
  await Promise.all([force('west-edge-1', true), force('west-edge-2', true)]);
  await waitUntil('t-west to route the anycast prefix via t-east', () => usedNextHops(plan, 't-west', ANYCAST), (hops) => hops.join() === 't-east');
  const moved = await waitUntil('users-west to be served by east', () => probeOnce(probeNode().mgmtAddress), (a) => a.pop === 'east');
  t.is(moved.outcome, 'ok');
  await Promise.all([force('west-edge-1', false), force('west-edge-2', false)]);
  const back = await waitUntil('users-west back on west', () => probeOnce(probeNode().mgmtAddress), (a) => a.pop === 'west');
  t.is(back.outcome, 'ok');
});

test.serial('draining a server under 50 req/s loses no request; undrain brings it back', async (t) => {
  const probe = await probeFor(10_000, 50);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await edgeAdmin(plan, 'west-edge-2', 'POST', EDGE_ADMIN_PATHS.drain, { reason: 'e2e drain' });
  await waitUntil('west-edge-2 to withdraw after draining', () => usedNextHops(plan, 'west', SERVICE), (hops) => hops.join() === 'west-edge-1', 40_000);
  const records = await probe.finish();
  t.true(records.length >= 400, `${records.length} requests`);
  t.deepEqual(records.filter((r) => r.outcome !== 'ok'), [], 'no request failed');
  t.true(records.some((r) => r.server === 'edge-2') && records.at(-1)!.server === 'edge-1');
  await edgeAdmin(plan, 'west-edge-2', 'POST', EDGE_ADMIN_PATHS.undrain, { reason: 'e2e undrain' });
  await waitUntil('west-edge-2 to announce again', () => usedNextHops(plan, 'west', SERVICE), (hops) => hops.length === 2);
});

test.serial('/metrics on the management network answers with the edge metrics, labelled by PoP and server', async (t) => {
  const text = await edgeAdmin<string>(plan, 'west-edge-1', 'GET', EDGE_ADMIN_PATHS.metrics);
  for (const metric of [
    'edge_requests_total',
    'edge_request_duration_seconds_bucket',
    'edge_upstream_fetches_total',
    'edge_cache_bytes',
    'edge_cache_evictions_total',
    'edge_announcement_state',
    'edge_announcement_changes_total',
    'edge_mitigation_actions_total',
    'edge_mitigation_blocked',
    'edge_event_loop_lag_seconds',
  ]) {
    t.regex(text, new RegExp(`^# TYPE ${metric.replace(/_bucket$/, '')} `, 'm'), metric);
  }
  t.regex(text, /pop="west",server="edge-1"/);
  t.notRegex(text, /198\.19\.\d+\.\d+/, 'no label per client address');
});

test.serial('a flood from one source is limited while a legit client keeps 100% success', async (t) => {
  const probe = await probeFor(8000, 20);
  const floodMs = 6000;
  const attack = await startAttack(plan, 'bots-west-1', { kind: 'http-flood', rps: 800, durationMs: floodMs, path: '/probe', sources: 1 });
  const records = await probe.finish();
  const counters = await waitUntil('the attack to end', () => readAttack(plan, 'bots-west-1', attack), (a) => a.done, 20_000);
  t.log(`attack: sent ${counters.sent}, ok ${counters.ok}, blocked ${counters.blocked}, errors ${counters.errors}, timeouts ${counters.timeouts}`);
  // Turned away: 429s, or connections refused once the source is blocked.
  t.true(counters.blocked + counters.errors > 0, 'the edge limited the flood');
  const actions = await Promise.all(['west-edge-1', 'west-edge-2'].map((s) => edgeAdmin<string>(plan, s, 'GET', EDGE_ADMIN_PATHS.metrics)));
  t.regex(actions.join('\n'), /^edge_mitigation_actions_total\{[^}]*\} [1-9]/m, 'the edges counted mitigation actions');
  // Blocked sources are also dropped by the kernel, before they cost a TCP handshake.
  const chains = await Promise.all(['west-edge-1', 'west-edge-2'].map((s) => runtime.exec(`${LAB}-${s}`, ['iptables', '-S', 'EDGE-BLOCK'])));
  t.regex(chains.map((c) => c.stdout).join('\n'), /-A EDGE-BLOCK -s 198\.19\.\d+\.\d+(\/\d+)? -j DROP/, 'a kernel DROP rule for the blocked source');
  // ... and what the kernel dropped shows in the mitigation snapshot (read once per window).
  const snapshots = await waitUntil(
    'the kernel drops in the mitigation snapshots',
    () => Promise.all(['west-edge-1', 'west-edge-2'].map((s) => edgeAdmin<MitigationSnapshot>(plan, s, 'GET', EDGE_ADMIN_PATHS.mitigation))),
    (all) => all.some((m) => m.kernel.dropped.packets > 0),
    10_000,
  );
  t.log(`kernel: ${snapshots.map((m) => `${m.kernel.state} ${m.kernel.ruleCount} rules, ${m.kernel.dropped.packets} packets dropped; user space ${JSON.stringify(m.requests)}`).join(' | ')}`);
  t.true(snapshots.every((m) => m.kernel.state === 'on'), 'the kernel filter is on');
  // The source hashes to one server of the PoP; the other learns its block over the PoP channel.
  const shared = await waitUntil(
    'both servers of west to hold the block',
    () => Promise.all(['west-edge-1', 'west-edge-2'].map((s) => edgeAdmin<MitigationSnapshot>(plan, s, 'GET', EDGE_ADMIN_PATHS.mitigation))),
    (all) => all.every((m) => m.blockedSources > 0),
    5000,
  );
  t.log(`sharing: ${shared.map((m) => JSON.stringify(m.sharing)).join(' | ')}`);
  // (Had the flood reached both, each would hold its own block and take nothing new from the other.)
  const receiver = shared.find((m) => m.sharing.received > 0);
  t.truthy(receiver, 'a block went over the PoP channel');
  t.true(receiver!.sharing.lastLatencyMs! < 1000, `the block arrived ${receiver!.sharing.lastLatencyMs} ms after it was sent`);
  t.true(shared.every((m) => Object.values(m.sharing.rejected).every((n) => n === 0)), 'nothing on the channel was refused');
  // One source may have its token bucket's worth (the edge's per-source rate and burst, per server of the PoP) and no more.
  const { perSecond, burst } = DEFAULT_TUNING.defense.limiter.source;
  const servers = plan.nodes.filter((n) => n.role === 'edge' && n.group === 'west').length;
  t.true(counters.ok <= servers * (perSecond * (floodMs / 1000) + burst), `${counters.ok} requests of the flood were served`);
  t.true(records.length >= 140);
  t.deepEqual(records.filter((r) => r.outcome !== 'ok'), [], 'the legit client lost nothing');
});
