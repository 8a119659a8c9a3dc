import test from 'ava';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DASHBOARD_PATHS, type DashboardView, type Snapshot } from '../../../orchestrator/src/dashboard/dashboard-api.ts';
import { buildDashboardServer, isLocalHostHeader, isSameOrigin, type DashboardControls } from '../../../orchestrator/src/dashboard/dashboard-server.ts';
import { Feed } from '../../../orchestrator/src/dashboard/feed.ts';
import { AnycastLabError } from '../../../orchestrator/src/errors.ts';
import { buildTopologyGraph } from '../../../orchestrator/src/graph/topology-graph.ts';
import { shippedTopology } from '../../helpers/topologies.ts';

const graph = buildTopologyGraph(await shippedTopology('mini'));
const view: DashboardView = { mode: 'live', lab: 'mini', title: 'lab mini', graph, botnets: [], faults: [], attacks: [] };
const page = { html: '<!doctype html><title>t</title>', script: 'void 0;' };
const snapshot: Snapshot = { at_ms: 5, catchment: [], links: [], down_nodes: [], pops: [], faults: [], attacks: [], prometheus_url: null };

function recordingControls(calls: string[]): DashboardControls {
  return {
    injectFault: async (r) => (calls.push(`inject ${r.kind} ${r.target.join(' ')}`), { ok: true, message: 'done', id: 'f1' }),
    revertFault: async (id) => (calls.push(`revert ${id}`), { ok: true, message: 'reverted' }),
    startAttack: async (r) => {
      calls.push(`attack ${r.kind}`);
      throw new AnycastLabError('USAGE', '--rate: expected 1..20000');
    },
    stopAttack: async () => {
      throw new Error('agent gone');
    },
  };
}

const json = { 'content-type': 'application/json', host: '127.0.0.1:8080' };

test('host and origin rules: addresses and localhost only; an Origin must be the page\'s own', (t) => {
  t.true(isLocalHostHeader('127.0.0.1:8080'));
  t.true(isLocalHostHeader('localhost:8080'));
  t.true(isLocalHostHeader('[::1]:8080'));
  t.true(isLocalHostHeader('10.1.2.3'));
  t.false(isLocalHostHeader('attacker.example:8080'));
  t.false(isLocalHostHeader(undefined));
  t.true(isSameOrigin(undefined, '127.0.0.1:8080'));
  t.true(isSameOrigin('http://127.0.0.1:8080', '127.0.0.1:8080'));
  t.false(isSameOrigin('http://attacker.example', '127.0.0.1:8080'));
});

test('the page, the view and the snapshot; a request to another host name is refused (DNS rebinding)', async (t) => {
  const feed = new Feed();
  const app = buildDashboardServer({ view, feed, page });
  t.teardown(() => app.close());
  const html = await app.inject({ url: '/', headers: { host: '127.0.0.1:8080' } });
  t.is(html.statusCode, 200);
  t.regex(html.headers['content-type'] as string, /text\/html/);
  t.is((await app.inject({ url: DASHBOARD_PATHS.snapshot, headers: { host: 'localhost' } })).statusCode, 503, 'no reading yet');
  feed.publish(snapshot);
  t.deepEqual((await app.inject({ url: DASHBOARD_PATHS.snapshot, headers: { host: 'localhost' } })).json(), snapshot);
  t.is((await app.inject({ url: DASHBOARD_PATHS.view, headers: { host: 'localhost' } })).json<DashboardView>().graph.nodes.length, graph.nodes.length);
  const rebound = await app.inject({ url: DASHBOARD_PATHS.view, headers: { host: 'attacker.example:8080' } });
  t.is(rebound.statusCode, 421);
  const crossSite = await app.inject({ url: DASHBOARD_PATHS.events, headers: { host: '127.0.0.1:8080', 'sec-fetch-site': 'cross-site' } });
  t.is(crossSite.statusCode, 403, 'a page on another site may not read the stream');
});

test('actions: validated bodies, one origin, errors with their codes, and nothing to break in a replay', async (t) => {
  const calls: string[] = [];
  const app = buildDashboardServer({ view, feed: new Feed(), page, controls: recordingControls(calls) });
  t.teardown(() => app.close());
  const ok = await app.inject({ method: 'POST', url: DASHBOARD_PATHS.faults, headers: json, payload: { kind: 'pop-crash', target: ['west'], fields: {} } });
  t.is(ok.statusCode, 200, ok.body);
  t.deepEqual(ok.json(), { ok: true, message: 'done', id: 'f1' });
  const cross = await app.inject({ method: 'POST', url: DASHBOARD_PATHS.faults, headers: { ...json, origin: 'http://attacker.example' }, payload: { kind: 'pop-crash', target: ['west'], fields: {} } });
  t.is(cross.statusCode, 403);
  const plain = await app.inject({ method: 'POST', url: DASHBOARD_PATHS.faults, headers: { ...json, 'content-type': 'text/plain' }, payload: '{"kind":"pop-crash","target":["west"],"fields":{}}' });
  t.is(plain.statusCode, 415, 'a form on another site can send text/plain; it is refused');
  const extra = await app.inject({ method: 'POST', url: DASHBOARD_PATHS.faults, headers: json, payload: { kind: 'pop-crash', target: ['west'], fields: {}, sneaky: 1 } });
  t.is(extra.statusCode, 400);
  const nested = await app.inject({ method: 'POST', url: DASHBOARD_PATHS.faults, headers: json, payload: { kind: 'pop-crash', target: ['west'], fields: { delay: { a: 1 } } } });
  t.is(nested.statusCode, 400);
  const badId = await app.inject({ method: 'POST', url: '/api/faults/..%2F..%2Fetc/revert', headers: json, payload: {} });
  t.is(badId.statusCode, 400);
  const revert = await app.inject({ method: 'POST', url: '/api/faults/f1/revert', headers: json, payload: {} });
  t.is(revert.statusCode, 200);
  const refused = await app.inject({ method: 'POST', url: DASHBOARD_PATHS.attacks, headers: json, payload: { kind: 'http-flood', from: ['all'], fields: { rate: '9999999/s' } } });
  t.is(refused.statusCode, 400);
  t.regex(refused.json<{ message: string }>().message, /^USAGE: --rate/);
  const broken = await app.inject({ method: 'POST', url: '/api/attacks/a1/stop', headers: json, payload: {} });
  t.is(broken.statusCode, 500);
  t.regex(broken.json<{ message: string }>().message, /agent gone/);
  t.deepEqual(calls, ['inject pop-crash west', 'revert f1', 'attack http-flood']);

  const replay = buildDashboardServer({ view: { ...view, mode: 'replay' }, feed: new Feed(), page });
  t.teardown(() => replay.close());
  const nothing = await replay.inject({ method: 'POST', url: DASHBOARD_PATHS.faults, headers: json, payload: { kind: 'pop-crash', target: ['west'], fields: {} } });
  t.is(nothing.statusCode, 409);
});

test('one action at a time: a second while the first runs is told to wait', async (t) => {
  let release!: () => void;
  const slow: DashboardControls = {
    ...recordingControls([]),
    injectFault: () => new Promise((resolve) => (release = () => resolve({ ok: true, message: 'done' }))),
  };
  const app = buildDashboardServer({ view, feed: new Feed(), page, controls: slow });
  t.teardown(() => app.close());
  const body = { kind: 'pop-crash', target: ['west'], fields: {} };
  const first = app.inject({ method: 'POST', url: DASHBOARD_PATHS.faults, headers: json, payload: body });
  await new Promise((r) => setTimeout(r, 50));
  const second = await app.inject({ method: 'POST', url: DASHBOARD_PATHS.faults, headers: json, payload: body });
  t.is(second.statusCode, 409);
  release();
  t.is((await first).statusCode, 200);
});

test('the event stream sends the marks so far, the snapshot, then what is published; closing the server ends it', async (t) => {
  const feed = new Feed();
  feed.publish(snapshot);
  feed.publish({ ...snapshot, at_ms: 6, faults: [{ id: 'f1', kind: 'pop-crash', target: 'west' }] });
  const app = buildDashboardServer({ view, feed, page });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  let text = '';
  const ended = new Promise<void>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: DASHBOARD_PATHS.events }, (res) => {
      t.regex(res.headers['content-type'] ?? '', /text\/event-stream/);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('"at_ms":7')) void app.close();
      });
      res.on('end', () => resolve());
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
  await new Promise((r) => setTimeout(r, 100));
  feed.publish({ ...snapshot, at_ms: 7, down_nodes: ['west'] });
  await ended;
  const events = text.split('\n').filter((l) => l.startsWith('event: ')).map((l) => l.slice(7));
  t.deepEqual(events, ['history', 'mark', 'snapshot', 'mark', 'mark', 'snapshot'], 'the load so far; the fault; the snapshot; its revert and the node down; the snapshot');
  t.regex(text, /"text":"pop-crash west \(f1\)"/);
});
