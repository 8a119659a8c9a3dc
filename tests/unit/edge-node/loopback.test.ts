import test from 'ava';
import { connect as h2connect, constants } from 'node:http2';
import { connect as tcpConnect } from 'node:net';
import type { EdgeConfig } from '../../../edge-node/src/config.ts';
import { sampleValue } from './helpers/prometheus-text.ts';
import {
  get,
  loopbackConfig,
  startLoopbackEdge,
  startOrigin,
  stopServer,
  waitUntil,
  withLoopbackEdge,
  type Reply,
} from './helpers/loopback-lab.ts';

const obj = (bytes: number, query = 'cc=max-age%3D60') => `/obj/${bytes}?${query}`;

async function originCount(originUrl: string, path: string): Promise<number> {
  const stats = JSON.parse((await get(`${originUrl}/stats`)).body) as { paths: Record<string, number> };
  return stats.paths[path] ?? 0;
}

/** The loopback config with some of its settings changed. */
const tuned = (change: (base: EdgeConfig) => Partial<EdgeConfig>) => (url: string) => {
  const base = loopbackConfig(url);
  return { ...base, ...change(base) };
};

test.serial('announces once listening and healthy; MISS then HIT, on HTTP/1.1 and h2c, always with x-served-by', (t) =>
  withLoopbackEdge(loopbackConfig, async (lab, originUrl) => {
    await lab.admitted();
    t.deepEqual(lab.frr.operations, ['announce']);
    const miss = await get(`${lab.http}${obj(1234)}`);
    t.is(miss.status, 200);
    t.is(miss.body.length, 1234);
    t.like(miss.headers, { 'x-served-by': 'test/edge-1', 'x-cache': 'MISS', 'cache-control': 'max-age=60', age: '0' });
    const hit = await get(`${lab.http}${obj(1234)}`);
    t.like(hit.headers, { 'x-served-by': 'test/edge-1', 'x-cache': 'HIT' });
    t.is(hit.body, miss.body);
    const head = await get(`${lab.http}${obj(1234)}`, { method: 'HEAD' });
    t.like(head.headers, { 'x-cache': 'HIT', 'content-length': '1234' });
    t.is(head.body, '');

    const session = h2connect(lab.h2c);
    const h2 = await new Promise<{ headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const stream = session.request({ ':path': obj(1234) });
      let body = '';
      let headers: Record<string, unknown> = {};
      stream.on('response', (h) => (headers = h));
      stream.setEncoding('latin1');
      stream.on('data', (c: string) => (body += c));
      stream.on('end', () => resolve({ headers, body }));
      stream.on('error', reject);
    });
    t.is(session.remoteSettings.maxConcurrentStreams, 100, 'HTTP/2 stream limit set explicitly');
    session.close();
    t.like(h2.headers, { ':status': 200, 'x-served-by': 'test/edge-1', 'x-cache': 'HIT' });
    t.is(await originCount(originUrl, obj(1234)), 1, 'one origin fetch for three requests');
    const counted = (await lab.edge.control.metrics()).text;
    t.is(sampleValue(counted, 'edge_requests_total', { status: '200', cache: 'HIT' }), 3, 'HTTP/1.1 and h2c hits all counted');

    const probe = await get(`${lab.http}/probe`);
    t.like(JSON.parse(probe.body), { pop: 'test', server: 'edge-1' });
    t.is(probe.headers['x-cache'], undefined);

    const uncached = await get(`${lab.http}${obj(10, 'cc=no-store')}`);
    t.like(uncached.headers, { 'x-cache': 'BYPASS', 'x-served-by': 'test/edge-1' });
  }));

test.serial('twenty concurrent misses of one object make one origin fetch', (t) =>
  withLoopbackEdge(loopbackConfig, async (lab, originUrl) => {
    // The origin holds its answer long enough for all twenty to arrive, even on a loaded machine.
    const path = obj(5000, 'cc=max-age%3D60&delay=3000');
    const replies = await Promise.all(Array.from({ length: 20 }, () => get(`${lab.http}${path}`)));
    t.true(replies.every((r) => r.status === 200 && r.body.length === 5000));
    t.true(replies.every((r) => r.headers['x-cache'] === 'MISS'));
    t.is(await originCount(originUrl, path), 1);
    t.is((await get(`${lab.http}${path}`)).headers['x-cache'], 'HIT');
  }));

test.serial('a flood from one source is limited then blocked while another source keeps 100% success', (t) =>
  withLoopbackEdge(
    tuned((base) => ({ defense: { ...base.defense, limiter: { ...base.defense.limiter, source: { perSecond: 20, burst: 20 } } } })),
    async (lab) => {
      await get(`${lab.http}${obj(100)}`);
      const flooder = '127.0.1.1';
      const legit = '127.0.2.1';
      const floodOutcomes: Record<string, number> = {};
      const started = Date.now();
      // Bounded in count and time; it goes on until the block has shown, however slow the machine.
      let sent = 0;
      const flood = Array.from({ length: 16 }, async () => {
        while (sent < 3000 && Date.now() - started < 15_000 && !((floodOutcomes['reset'] ?? 0) > 0 && sent >= 200)) {
          sent++;
          const outcome = await get(`${lab.http}${obj(100)}`, { localAddress: flooder }).then(
            (r) => String(r.status),
            () => 'reset',
          );
          floodOutcomes[outcome] = (floodOutcomes[outcome] ?? 0) + 1;
        }
      });
      const legitReplies: Reply[] = [];
      const legitRun = (async () => {
        for (let i = 0; i < 20; i++) {
          legitReplies.push(await get(`${lab.http}${obj(100)}`, { localAddress: legit }));
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      await Promise.all([...flood, legitRun]);
      const floodSeconds = (Date.now() - started) / 1000;

      t.is(legitReplies.filter((r) => r.status === 200).length, 20, 'the legitimate source (10/s): 20 of 20');
      t.true((floodOutcomes['429'] ?? 0) > 0, `flood outcomes ${JSON.stringify(floodOutcomes)}`);
      t.true((floodOutcomes['reset'] ?? 0) > 0, 'once blocked, its connections are refused');
      t.true((floodOutcomes['200'] ?? 0) <= 20 + 20 * floodSeconds, 'at most the burst plus the rate got through');

      const mitigation = JSON.parse((await get(`${lab.admin}/mitigation`)).body);
      t.deepEqual(mitigation.blocked.sources.map((b: { key: string }) => b.key), [flooder]);
      // Whether the level rose depends on how fast this machine flooded; the unit tests cover levels.
      await waitUntil(() => lab.edge.control.mitigation().level === 0, 5000, 'the level to be normal once the flood stopped');
      t.is(lab.edge.control.mitigation().blockedSources, 1, 'the block outlives the flood until it expires');
      const neighbour = await get(`${lab.http}${obj(100)}`, { localAddress: '127.0.1.2' });
      t.is(neighbour.status, 200, 'a neighbour of the flooder in its /24 is still served');
      const metrics = (await lab.edge.control.metrics()).text;
      t.true((sampleValue(metrics, 'edge_mitigation_actions_total', { action: 'rate-limited-source' }) ?? 0) > 0);
      t.true((sampleValue(metrics, 'edge_mitigation_actions_total', { action: 'blocked' }) ?? 0) > 0);
      t.is(sampleValue(metrics, 'edge_mitigation_blocked', { scope: 'source' }), 1);
      t.truthy(lab.logs.find((l) => l['event'] === 'mitigation-blocks'));
    },
  ));

test.serial('a 429 carries x-served-by too', (t) =>
  withLoopbackEdge(
    tuned((base) => ({ defense: { ...base.defense, limiter: { ...base.defense.limiter, source: { perSecond: 1, burst: 1 } } } })),
    async (lab) => {
      await get(`${lab.http}/probe`, { localAddress: '127.0.3.1' });
      const limited = await get(`${lab.http}/probe`, { localAddress: '127.0.3.1' });
      t.is(limited.status, 429);
      t.like(limited.headers, { 'x-served-by': 'test/edge-1', 'retry-after': '1' });
    },
  ));

test.serial('/metrics on the admin address tells requests, cache, upstream, announcement and health', (t) =>
  withLoopbackEdge(loopbackConfig, async (lab) => {
    await lab.admitted();
    await get(`${lab.http}${obj(300)}`);
    await get(`${lab.http}${obj(300)}`);
    await waitUntil(async () => (await get(`${lab.admin}/health`)).status === 200, 2000, 'healthy');
    const reply = await get(`${lab.admin}/metrics`);
    t.regex(String(reply.headers['content-type']), /^text\/plain/);
    const node = { pop: 'test', server: 'edge-1' };
    const value = (name: string, labels: Record<string, string> = {}) => sampleValue(reply.body, name, { ...node, ...labels });
    t.is(value('edge_requests_total', { status: '200', cache: 'MISS' }), 1);
    t.is(value('edge_requests_total', { status: '200', cache: 'HIT' }), 1);
    t.is(value('edge_request_duration_seconds_count', { cache: 'HIT' }), 1);
    t.is(value('edge_upstream_fetches_total', { tier: 'origin', outcome: 'ok' }), 1);
    t.is(value('edge_cache_objects'), 1);
    t.true((value('edge_cache_bytes') ?? 0) > 300);
    t.is(value('edge_announcement_state', { state: 'announced' }), 1);
    t.is(value('edge_announcement_changes_total', { to: 'announced', cause: 'health' }), 1);
    t.is(value('edge_healthy'), 1);
    t.not(value('edge_event_loop_lag_seconds'), undefined);
    t.is(value('edge_mitigation_level'), 0);
    t.is((await get(`${lab.http}/metrics`)).headers['x-cache'], 'BYPASS', 'not on the service port: that is proxied');
  }));

test.serial('forcing unhealthy withdraws at once; clearing it announces again', (t) =>
  withLoopbackEdge(loopbackConfig, async (lab) => {
    await lab.admitted();
    const force = (unhealthy: boolean) =>
      fetch(`${lab.admin}/health/force`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ unhealthy, reason: 'test' }),
      });
    t.is((await force(true)).status, 200);
    t.like(lab.edge.control.announcement(), { state: 'withdrawn', reason: 'operator: test' });
    t.is((await get(`${lab.admin}/health`)).status, 503);
    t.is((await get(`${lab.http}/probe`)).status, 200, 'still serves whatever reaches it');
    await force(false);
    t.is(lab.edge.control.announcement().state, 'announced');
    t.deepEqual(lab.frr.operations, ['announce', 'withdraw', 'announce']);
    t.deepEqual(
      lab.logs.filter((l) => l['event'] === 'announcement').map((l) => `${l['to']} ${l['cause']}`),
      ['announced health', 'withdrawn health', 'announced health'],
    );
  }));

test.serial('an unreachable origin with nothing cached keeps the route withdrawn; a 502 still names the server', async (t) => {
  const origin = await startOrigin();
  await stopServer(origin.server);
  const lab = await startLoopbackEdge(loopbackConfig(origin.url));
  try {
    await new Promise((resolve) => setTimeout(resolve, 400));
    const health = JSON.parse((await get(`${lab.admin}/health`)).body);
    t.false(health.healthy);
    t.regex(health.reason, /upstream: origin\/parents unreachable and nothing cached/);
    t.deepEqual(lab.frr.operations, []);
    const failed = await get(`${lab.http}${obj(10)}`);
    t.is(failed.status, 502);
    t.is(failed.headers['x-served-by'], 'test/edge-1');
    t.is(JSON.parse(failed.body).error, 'UPSTREAM_FAILED');
    t.false(failed.body.includes('127.0.0.1'), `the 502 body does not reveal the origin's address: ${failed.body}`);
  } finally {
    await lab.edge.shutdown('test over');
  }
});

test.serial('graceful shutdown: GSHUT, wait for quiet, withdraw, and the in-flight request completes', (t) =>
  withLoopbackEdge(loopbackConfig, async (lab) => {
    await lab.admitted();
    const sentAt = performance.now();
    const slow = get(`${lab.http}${obj(100, 'cc=max-age%3D60&delay=400')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // On a loaded machine the 50 ms sleep can last much longer: the wait owed is what is left of the origin's 400 ms.
    const owed = 400 - (performance.now() - sentAt);
    const result = await lab.edge.shutdown('SIGTERM');
    t.is((await slow).status, 200);
    t.is(result.outcome, 'quiet');
    t.true(result.waitedMs >= owed - 50, `waited for the request in flight (${result.waitedMs} ms, ${Math.round(owed)} ms owed)`);
    t.deepEqual(lab.frr.operations, ['announce', 'announceGshut', 'withdraw']);
    await t.throwsAsync(get(`${lab.http}/probe`), { code: 'ECONNREFUSED' });
  }));

test.serial('slow headers (slowloris) are cut off with 408; oversized headers get 431; both name the server', (t) =>
  withLoopbackEdge(tuned((base) => ({ limits: { ...base.limits, headersTimeoutMs: 300, requestTimeoutMs: 300 } })), async (lab) => {
    const port = Number(new URL(lab.http).port);
    const raw = (request: string) =>
      new Promise<string>((resolve) => {
        const socket = tcpConnect(port, '127.0.0.1', () => socket.write(request));
        let text = '';
        socket.on('data', (c) => (text += c.toString('latin1')));
        socket.on('close', () => resolve(text));
        socket.on('error', () => undefined);
      });
    const started = Date.now();
    const slow = await raw('GET /probe HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    t.regex(slow, /^HTTP\/1\.1 408 Request Timeout\r\nx-served-by: test\/edge-1/);
    t.true(Date.now() - started < 4000, 'closed within a few checking intervals, not after the 30 s idle timeout');
    const big = await raw(`GET /probe HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(9000)}\r\n\r\n`);
    t.regex(big, /^HTTP\/1\.1 431 .*\r\nx-served-by: test\/edge-1/);
  }));

test.serial('HTTP/2 rapid reset closes the session and blocks the source', (t) =>
  withLoopbackEdge(tuned(() => ({ h2ResetBudget: { perSecond: 5, burst: 10 } })), async (lab) => {
    const session = h2connect(lab.h2c, { localAddress: '127.0.4.1' } as never);
    session.on('error', () => undefined);
    const closed = new Promise<number | undefined>((resolve) => {
      session.on('goaway', (code) => resolve(code));
      session.on('close', () => resolve(undefined));
    });
    await new Promise((resolve) => session.once('connect', resolve));
    for (let i = 0; i < 60 && !session.closed && !session.destroyed; i++) {
      const stream = session.request({ ':path': `/probe?${i}` });
      stream.on('error', () => undefined);
      stream.close(constants.NGHTTP2_CANCEL);
    }
    t.is(await closed, constants.NGHTTP2_ENHANCE_YOUR_CALM);
    const mitigation = JSON.parse((await get(`${lab.admin}/mitigation`)).body);
    t.deepEqual(
      mitigation.blocked.sources.map((b: { key: string; reason: string }) => [b.key, b.reason]),
      [['127.0.4.1', 'HTTP/2 rapid reset']],
    );
  }));

test.serial('a parent tier shields the origin: children fill from the parent, the origin sees one fetch', (t) =>
  withLoopbackEdge(tuned(() => ({ pop: 'parent' })), async (parent, originUrl) => {
    const parentUrls = [new URL(parent.http)];
    const childA = await startLoopbackEdge(loopbackConfig(originUrl, { pop: 'child', server: 'edge-1', parentUrls }));
    const childB = await startLoopbackEdge(loopbackConfig(originUrl, { pop: 'child', server: 'edge-2', parentUrls }));
    try {
      const path = obj(700);
      t.like((await get(`${childA.http}${path}`)).headers, { 'x-cache': 'MISS', 'x-served-by': 'child/edge-1' });
      t.like((await get(`${childB.http}${path}`)).headers, { 'x-cache': 'MISS', 'x-served-by': 'child/edge-2' });
      t.is((await get(`${childA.http}${path}`)).headers['x-cache'], 'HIT');
      t.is(await originCount(originUrl, path), 1);
      const parentMetrics = (await parent.edge.control.metrics()).text;
      t.is(sampleValue(parentMetrics, 'edge_requests_total', { cache: 'HIT', status: '200' }), 1, 'child B was served from the parent cache');
      const childMetrics = (await childA.edge.control.metrics()).text;
      t.is(sampleValue(childMetrics, 'edge_upstream_fetches_total', { tier: 'parent', outcome: 'ok' }), 1);
    } finally {
      await Promise.all([childA.edge.shutdown('test over'), childB.edge.shutdown('test over')]);
    }
  }));

test.serial('a slow origin is the origin\'s problem: 504s under every limit do not make the edge withdraw', (t) =>
  withLoopbackEdge(tuned((base) => ({ upstream: { ...base.upstream, timeoutMs: 300 } })), async (lab) => {
    await lab.admitted();
    // The attack of issue 8: distinct keys (no coalescing), each one slower than the upstream timeout,
    // spread over sources so that no source's error rate gets it blocked (that defense is not under test).
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, k) => get(`${lab.http}/obj/1?delay=2000&k=${k}`, { localAddress: `127.0.6.${1 + (k % 20)}` })),
    );
    t.deepEqual([...new Set(replies.map((r) => r.status))], [504]);
    t.like(JSON.parse(replies[0]!.body), { error: 'UPSTREAM_TIMEOUT' });
    t.false(replies[0]!.body.includes('127.0.0.1'), 'no origin address in the body');
    // Several health ticks (100 ms, fall 1) with 40 upstream failures in the error window.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const health = lab.edge.control.health();
    t.true(health.healthy, health.reason);
    t.true(health.checks.some((c) => c.name === 'error-rate' && c.ok && c.detail.startsWith('0/40')), JSON.stringify(health.checks));
    t.deepEqual(lab.frr.operations, ['announce']);
    const counted = (await lab.edge.control.metrics()).text;
    t.is(sampleValue(counted, 'edge_requests_total', { status: '504', cache: 'NONE' }), 40, 'still counted as 504s');
  }));

test.serial('an HTTP/2 stream whose request body trickles in is reset at the request timeout', (t) =>
  withLoopbackEdge(tuned((base) => ({ limits: { ...base.limits, requestTimeoutMs: 400 } })), async (lab) => {
    const session = h2connect(lab.h2c);
    session.on('error', () => undefined);
    try {
      const trickle = session.request({ ':method': 'POST', ':path': '/obj/1', 'content-type': 'text/plain' }, { endStream: false });
      trickle.on('error', () => undefined);
      const drip = setInterval(() => trickle.write('x'), 100);
      const started = Date.now();
      const rstCode = await new Promise<number>((resolve) => trickle.on('close', () => resolve(trickle.rstCode)));
      clearInterval(drip);
      t.is(rstCode, constants.NGHTTP2_CANCEL);
      t.true(Date.now() - started < 5000, 'reset near the 400 ms request timeout, not at the 30 s idle timeout');
      // A complete request on the same session is unaffected.
      const ok = session.request({ ':path': '/probe' });
      ok.on('error', () => undefined);
      const status = await new Promise<unknown>((resolve) => ok.on('response', (h) => resolve(h[':status'])));
      ok.close();
      t.is(status, 200);
    } finally {
      session.destroy();
    }
  }));

test.serial('connections beyond the global cap are reset, whichever source opens them', (t) =>
  withLoopbackEdge(tuned((base) => ({ limits: { ...base.limits, maxConnections: 3 } })), async (lab) => {
    const port = Number(new URL(lab.http).port);
    const open = (source: string) =>
      new Promise<import('node:net').Socket>((resolve, reject) => {
        const socket = tcpConnect({ port, host: '127.0.0.1', localAddress: source }, () => resolve(socket));
        socket.on('error', reject);
      });
    const held = await Promise.all(['127.0.7.1', '127.0.7.2', '127.0.7.3'].map(open));
    try {
      const extra = await open('127.0.7.4');
      const closed = await new Promise<boolean>((resolve) => {
        extra.on('error', () => undefined);
        extra.on('close', () => resolve(true));
        extra.write('GET /probe HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      t.true(closed);
      await waitUntil(async () => sampleValue((await lab.edge.control.metrics()).text, 'edge_mitigation_actions_total', { action: 'connection-capped' }) === 1, 3000, 'capped count');
    } finally {
      for (const socket of held) socket.destroy();
    }
    // Released connections make room again.
    await waitUntil(async () => (await get(`${lab.http}/probe`).catch(() => ({ status: 0 }))).status === 200, 3000, 'room again');
    t.pass();
  }));
