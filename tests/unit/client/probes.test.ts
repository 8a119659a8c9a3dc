import test from 'ava';
import type { ProbeView } from '../../../contracts/agent-api.ts';
import { call, startEdgeAndAgent, startTestAgent, untilDone } from './agent-client.ts';
import { closedPort } from './fake-edge.ts';

test.serial('a probe holds its fixed rate, opens a new connection per request and records who answered', async (t) => {
  const { edge, agent } = await startEdgeAndAgent(t);
  const started = await call<{ id: string }>(agent, 'POST', '/probes', { rate: 50, durationMs: 1000 });
  t.is(started.status, 201);
  const view = await untilDone<ProbeView>(agent, `/probes/${started.body.id}`);
  t.true(view.done);
  t.is(view.node, 'users-test-probe-1');
  t.is(view.client, 'users-test');
  t.is(view.records.length, 50);
  t.deepEqual(view.records.map((r) => r.seq), [...Array(50).keys()]);
  const span = view.records.at(-1)!.sentAt - view.records[0]!.sentAt;
  t.true(span >= 900 && span <= 1500, `50 requests at 50/s spread over ${span} ms`);
  t.true(view.records.every((r) => r.outcome === 'ok' && r.status === 200 && r.pop === 'test' && r.server === 'edge-1'));
  t.is(edge.sockets.count, 50);
});

test.serial('keep-alive reuses connections', async (t) => {
  const { edge, agent } = await startEdgeAndAgent(t);
  const { body } = await call<{ id: string }>(agent, 'POST', '/probes', { rate: 20, durationMs: 1000, keepAlive: true });
  const view = await untilDone<ProbeView>(agent, `/probes/${body.id}`);
  t.is(view.records.length, 20);
  t.true(edge.sockets.count <= 5, `${edge.sockets.count} connections for 20 requests`);
});

test.serial('a silent target: every request is recorded as a timeout, in-flight stays bounded, the job ends by itself', async (t) => {
  const { edge, agent } = await startEdgeAndAgent(t);
  const begun = Date.now();
  const { body } = await call<{ id: string }>(agent, 'POST', '/probes', { rate: 100, durationMs: 500, timeoutMs: 200, path: '/silent' });
  const view = await untilDone<ProbeView>(agent, `/probes/${body.id}`);
  t.true(view.done);
  t.true(Date.now() - begun < 4000, 'bounded in time');
  t.is(view.records.length + view.skipped, 50);
  // A loaded test machine fires timers late: a few slots may find the in-flight limit reached.
  t.true(view.records.length >= 40, `${view.records.length} recorded`);
  t.true(view.records.every((r) => r.outcome === 'timeout' && r.latencyMs >= 190 && r.latencyMs < 1000));
  t.true(edge.peakOpen() <= Math.ceil(100 * (200 + 100) / 1000), `peak ${edge.peakOpen()} open`);
});

test.serial('errors, 429s, refused connections', async (t) => {
  const { agent } = await startEdgeAndAgent(t);
  const refusing = await startTestAgent(await closedPort());
  t.teardown(() => refusing.close());
  const error = await untilDone<ProbeView>(agent, `/probes/${(await call<{ id: string }>(agent, 'POST', '/probes', { rate: 20, durationMs: 100, path: '/error' })).body.id}`);
  t.like(error.records[0], { outcome: 'http-error', status: 503, pop: 'test', server: 'edge-1' });
  const refused = await untilDone<ProbeView>(refusing, `/probes/${(await call<{ id: string }>(refusing, 'POST', '/probes', { rate: 20, durationMs: 100 })).body.id}`);
  t.true(refused.records.every((r) => r.outcome === 'refused' && r.pop === undefined));
});

test.serial('DELETE stops a probe early', async (t) => {
  const { agent } = await startEdgeAndAgent(t);
  const startedAt = Date.now();
  const { body } = await call<{ id: string }>(agent, 'POST', '/probes', { rate: 20, durationMs: 60_000 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.is((await call(agent, 'DELETE', `/probes/${body.id}`)).status, 200);
  // A loaded machine fires timers late: bound the records by the time the run really had, not by 300 ms.
  const ranMs = Date.now() - startedAt;
  const view = await untilDone<ProbeView>(agent, `/probes/${body.id}`, 3000);
  t.true(view.done);
  t.true(view.records.length >= 1 && view.records.length <= Math.ceil((20 * ranMs) / 1000) + 1, `${view.records.length} records in ${ranMs} ms`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.is((await call<ProbeView>(agent, 'GET', `/probes/${body.id}`)).body.records.length, view.records.length, 'nothing sent after the stop');
  t.is((await call(agent, 'GET', '/probes/probe-999')).status, 404);
});

test.serial('GET /once sends one request now', async (t) => {
  const { edge, agent } = await startEdgeAndAgent(t);
  const before = Date.now();
  const { status, body } = await call(agent, 'GET', '/once?timeoutMs=2000');
  t.is(status, 200);
  t.like(body, { outcome: 'ok', status: 200, pop: 'test', server: 'edge-1' });
  t.true((body.sentAt as number) >= before);
  t.is(edge.requests.get('/probe'), 1);
  t.like((await call(agent, 'GET', '/healthz')).body, { ok: true, node: 'users-test-probe-1', role: 'probe' });
});

test.serial('bad input is refused with 400 naming the field', async (t) => {
  const agent = await startTestAgent(await closedPort());
  t.teardown(() => agent.close());
  const cases: Array<[unknown, string[]]> = [
    [{ rate: 0, durationMs: 1000 }, ['rate']],
    [{ rate: 2000, durationMs: 1000 }, ['rate']],
    [{ rate: 10, durationMs: 700_000 }, ['durationMs']],
    [{ rate: 10 }, ['durationMs']],
    [{ rate: 10, durationMs: 1000, timeoutMs: 0.5 }, ['timeoutMs']],
    [{ rate: 10, durationMs: 1000, keepAlive: 'yes' }, ['keepAlive']],
    [{ rate: 10, durationMs: 1000, path: 'probe' }, ['path']],
    [{ rate: 10, durationMs: 1000, rat: 1 }, ['rat']],
    [[1, 2], ['body', 'rate', 'durationMs']],
    ['{not json', ['body']],
  ];
  for (const [body, fields] of cases) {
    const reply = await call<{ fields: Array<{ field: string }> }>(agent, 'POST', '/probes', body);
    t.is(reply.status, 400, JSON.stringify(body));
    t.deepEqual(reply.body.fields.map((f) => f.field).sort(), [...fields].sort(), JSON.stringify(body));
  }
  t.is((await call(agent, 'GET', '/once?timeoutMs=abc')).status, 400);
  t.is((await call(agent, 'GET', '/nowhere')).status, 404);
});
