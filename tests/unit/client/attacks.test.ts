import test from 'ava';
import type { AttackView } from '../../../contracts/agent-api.ts';
import { call, startEdgeAndAgent, startTestAgent, untilDone } from './agent-client.ts';
import { startFakeH2Edge } from './fake-edge.ts';
import { hping3Installed } from '../../../images/client/src/attacks/syn-flood.ts';

const BOT = { role: 'bot' as const, node: 'bots-test-1', sources: ['127.0.0.1', '127.0.0.2', '127.0.0.3'] };

test.serial('http-flood at a fixed rate, round-robin over the bot source addresses, blocks counted per PoP', async (t) => {
  const { edge, agent } = await startEdgeAndAgent(t, { agent: BOT });
  const { status, body } = await call<{ id: string }>(agent, 'POST', '/attacks', { kind: 'http-flood', rps: 200, durationMs: 500, path: '/blocked' });
  t.is(status, 201);
  const view = await untilDone<AttackView>(agent, `/attacks/${body.id}`);
  // Every answer is a 429; on a loaded machine a few may not come within the attack's timeout.
  t.like(view, { kind: 'http-flood', done: true, sent: 100, ok: 0, errors: 0, inFlight: 0 });
  t.is(view.blocked + view.timeouts, 100);
  t.true(view.blocked >= 50, `${view.blocked} blocks counted`);
  t.deepEqual(view.byPop, { test: { received: view.blocked, blocked: view.blocked } });
  t.deepEqual([...edge.sockets.sources].sort(), ['127.0.0.1', '127.0.0.2', '127.0.0.3']);
});

test.serial('http-flood over a few keep-alive connections', async (t) => {
  const { edge, agent } = await startEdgeAndAgent(t, { agent: { ...BOT, sources: [] } });
  const { body } = await call<{ id: string }>(agent, 'POST', '/attacks', { rps: 200, durationMs: 500, connections: 2 });
  const view = await untilDone<AttackView>(agent, `/attacks/${body.id}`);
  t.like(view, { sent: 100, ok: 100 });
  t.true(edge.sockets.count <= 2);
});

test.serial('slowloris holds connections until the edge closes them', async (t) => {
  const { agent } = await startEdgeAndAgent(t, { edge: { headersTimeoutMs: 300 }, agent: BOT });
  const begun = Date.now();
  const { body } = await call<{ id: string }>(agent, 'POST', '/attacks', { kind: 'slowloris', rps: 100, durationMs: 1200, connections: 5 });
  const view = await untilDone<AttackView>(agent, `/attacks/${body.id}`);
  t.true(view.done);
  t.true(Date.now() - begun < 3000, 'ends by itself');
  t.true(view.sent >= 5);
  t.true(view.blocked >= 5, `${view.blocked} closed by the edge`);
  t.is(view.inFlight, 0);
});

test.serial('h2-rapid-reset opens and cancels streams at the rate', async (t) => {
  const edge = await startFakeH2Edge();
  const agent = await startTestAgent(edge.port, BOT);
  t.teardown(async () => {
    await agent.close();
    await edge.close();
  });
  const { body } = await call<{ id: string }>(agent, 'POST', '/attacks', { kind: 'h2-rapid-reset', rps: 200, durationMs: 500, connections: 2 });
  const view = await untilDone<AttackView>(agent, `/attacks/${body.id}`);
  t.true(view.done);
  // Node's own HTTP/2 server ends sessions that reset streams this fast (GOAWAY): the attack counts
  // those as blocks, and skips the slots that come due before a session may be reopened.
  t.is(view.sent + view.skipped, 100);
  t.true(view.sent > 0 && edge.streams() > 0);
});

test.serial('attacks: only from bots, bounded, validated', async (t) => {
  const { edge, agent: bot } = await startEdgeAndAgent(t, { agent: BOT });
  const probe = await startTestAgent(edge.port);
  t.teardown(() => probe.close());
  t.is((await call(probe, 'POST', '/attacks', { rps: 10, durationMs: 100 })).status, 409);
  const cases: Array<[unknown, string]> = [
    [{ rps: 30_000, durationMs: 100 }, 'rps'],
    [{ rps: 10, durationMs: 400_000 }, 'durationMs'],
    [{ kind: 'udp-flood', rps: 10, durationMs: 100 }, 'kind'],
    [{ kind: 'slow-origin', rps: 51, durationMs: 100 }, 'rps'],
    [{ kind: 'slow-origin', rps: 10, durationMs: 100, delayMs: 60_000 }, 'delayMs'],
    [{ kind: 'syn-flood', rps: 10, durationMs: 100, connections: 3 }, 'connections'],
    [{ rps: 10 }, 'durationMs'],
    [{ rps: 10, durationMs: 100, connections: 0 }, 'connections'],
  ];
  for (const [body, field] of cases) {
    const reply = await call<{ fields: Array<{ field: string }> }>(bot, 'POST', '/attacks', body);
    t.is(reply.status, 400);
    t.deepEqual(reply.body.fields.map((f) => f.field), [field]);
  }
  const { body } = await call<{ id: string }>(bot, 'POST', '/attacks', { rps: 10, durationMs: 60_000 });
  t.is((await call(bot, 'DELETE', `/attacks/${body.id}`)).status, 200);
  t.true((await untilDone<AttackView>(bot, `/attacks/${body.id}`, 3000)).done);
});

test.serial('cache-bust gives every request its own query string; slow-origin asks for the delay with distinct keys', async (t) => {
  const { edge, agent } = await startEdgeAndAgent(t, { agent: BOT });
  const bust = await call<{ id: string }>(agent, 'POST', '/attacks', { kind: 'cache-bust', rps: 100, durationMs: 300, path: '/probe' });
  t.is(bust.status, 201);
  t.like(await untilDone<AttackView>(agent, `/attacks/${bust.body.id}`), { kind: 'cache-bust', sent: 30 });
  const busted = [...edge.requests.keys()].filter((p) => p.startsWith('/probe?cb='));
  t.is(busted.length, 30, 'thirty distinct cache keys');
  const slow = await call<{ id: string }>(agent, 'POST', '/attacks', { kind: 'slow-origin', rps: 20, durationMs: 250, delayMs: 1500, path: '/obj/1' });
  t.is(slow.status, 201);
  t.like(await untilDone<AttackView>(agent, `/attacks/${slow.body.id}`), { kind: 'slow-origin', sent: 5 });
  const slowPaths = [...edge.requests.keys()].filter((p) => p.startsWith('/obj/1?delay=1500&k='));
  t.is(slowPaths.length, 5);
});

test.serial('syn-flood needs hping3: without it in the image the agent refuses with 409 and says so', async (t) => {
  const { agent } = await startEdgeAndAgent(t, { agent: BOT });
  const reply = await call<{ error: string }>(agent, 'POST', '/attacks', { kind: 'syn-flood', rps: 10, durationMs: 100 });
  if (hping3Installed()) {
    t.is(reply.status, 201, 'hping3 is installed here: the attack starts');
    await untilDone<AttackView>(agent, `/attacks/${(reply.body as unknown as { id: string }).id}`, 5000);
  } else {
    t.is(reply.status, 409);
    t.regex(reply.body.error, /hping3/);
  }
});
