import test from 'ava';
import type { AddressInfo } from 'node:net';
import { createOriginServer } from '../../../images/origin/src/origin-server.ts';

async function withOrigin(run: (base: string) => Promise<void>): Promise<void> {
  const server = createOriginServer('test-origin');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

test('serves objects of the asked size with the asked headers', (t) =>
  withOrigin(async (base) => {
    const res = await fetch(`${base}/obj/5000?cc=public%2C%20max-age%3D30&ct=text%2Fplain`);
    t.is(res.status, 200);
    t.is((await res.arrayBuffer()).byteLength, 5000);
    t.is(res.headers.get('cache-control'), 'public, max-age=30');
    t.is(res.headers.get('content-type'), 'text/plain');
    const head = await fetch(`${base}/obj/5000`, { method: 'HEAD' });
    t.is(head.headers.get('content-length'), '5000');
    t.is(head.headers.get('cache-control'), null);
  }));

test('counts requests per URL; /stats itself is not counted; reset starts over', (t) =>
  withOrigin(async (base) => {
    await fetch(`${base}/obj/10?cc=max-age%3D1`);
    await fetch(`${base}/obj/10?cc=max-age%3D1`);
    await fetch(`${base}/nope`);
    const stats = await (await fetch(`${base}/stats`)).json();
    t.like(stats, { total: 3, paths: { '/obj/10?cc=max-age%3D1': 2, '/nope': 1 } });
    const reset = await (await fetch(`${base}/stats/reset`, { method: 'POST' })).json();
    t.like(reset, { total: 0, paths: {} });
  }));

test('errors are JSON with a reason: bad size 400, unknown path 404, wrong method 405', (t) =>
  withOrigin(async (base) => {
    const bad = await fetch(`${base}/obj/999999999`);
    t.is(bad.status, 400);
    t.regex(((await bad.json()) as { error: string }).error, /object size must be an integer/);
    t.is((await fetch(`${base}/elsewhere`)).status, 404);
    t.is((await fetch(`${base}/obj/1`, { method: 'POST', body: 'x' })).status, 405);
  }));

test('delay holds the response back', (t) =>
  withOrigin(async (base) => {
    const started = Date.now();
    await (await fetch(`${base}/obj/1?delay=200`)).arrayBuffer();
    t.true(Date.now() - started >= 190);
  }));

test('a CR/LF (or any control character) in a value copied into a header is a 400, and the server keeps serving', (t) =>
  withOrigin(async (base) => {
    for (const query of ['ct=text%2Fplain%0D%0ASet-Cookie%3A%20x%3D1', 'cc=max-age%3D1%0Ax', 'ct=a%00b', `ct=${'a'.repeat(2000)}`]) {
      const res = await fetch(`${base}/obj/1?${query}`);
      t.is(res.status, 400, query);
      t.regex(((await res.json()) as { error: string }).error, /printable ASCII only/);
      t.is(res.headers.get('set-cookie'), null);
    }
    const after = await fetch(`${base}/obj/3?ct=text%2Fplain`);
    t.is(after.status, 200);
    t.is(await after.text(), 'any');
  }));
