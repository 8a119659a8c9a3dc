import test, { type ExecutionContext } from 'ava';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EdgeError } from '../../../../edge-node/src/errors.ts';
import { HttpUpstreamClient, endToEndHeaders } from '../../../../edge-node/src/upstream/http-upstream-client.ts';
import type { UpstreamRequest } from '../../../../edge-node/src/upstream/upstream.ts';

/** A server on 127.0.0.1, closed with every connection when the test ends, pass or fail. */
async function serve(t: ExecutionContext, handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; base: URL }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { server, base: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`) };
}

/** A client closed when the test ends. Timeouts are generous unless the timeout is the point: a loaded machine is slow. */
function client(t: ExecutionContext, timeoutMs = 10_000): HttpUpstreamClient {
  const upstream = new HttpUpstreamClient({ timeoutMs, maxBodyBytes: 1000, maxSocketsPerHost: 4 });
  t.teardown(() => upstream.close());
  return upstream;
}

function request(overrides: Partial<UpstreamRequest> = {}): UpstreamRequest {
  return { method: 'GET', url: '/x?q=1', host: 'svc.test', headers: {}, body: undefined, fromChildTier: false, ...overrides };
}

test('hop-by-hop and edge-owned headers are never passed along', (t) => {
  t.deepEqual(
    endToEndHeaders({ connection: 'close', 'keep-alive': 'x', 'x-cache': 'HIT', age: '3', ':path': '/', accept: 'a', 'set-cookie': ['a', 'b'] }),
    { accept: 'a', 'set-cookie': ['a', 'b'] },
  );
});

test('a request carries path, Host and body; the response comes back whole', async (t) => {
  const { base } = await serve(t, (req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.setHeader('connection', 'keep-alive');
      res.setHeader('x-seen', `${req.method} ${req.url} ${req.headers.host} ${req.headers['x-extra']} ${body}`);
      res.end('done');
    });
  });
  const response = await client(t).send(base, request({ method: 'POST', body: Buffer.from('hi') }), { 'x-extra': 'yes' });
  t.is(response.status, 200);
  t.is(response.headers['x-seen'], 'POST /x?q=1 svc.test yes hi');
  t.is(response.headers['connection'], undefined);
  t.is(response.body.toString(), 'done');
});

test('bodies over the limit and slow upstreams fail with typed errors', async (t) => {
  const { base } = await serve(t, (req, res) => {
    if (req.url === '/big') res.end(Buffer.alloc(2000));
    else if (req.url === '/chunked') {
      res.write(Buffer.alloc(800));
      res.end(Buffer.alloc(800));
    } else setTimeout(() => res.end('late'), 60_000).unref();
  });
  const roomy = client(t);
  for (const url of ['/big', '/chunked']) {
    const error = await t.throwsAsync(roomy.send(base, request({ url })), { instanceOf: EdgeError });
    t.is(error?.code, 'UPSTREAM_TOO_LARGE', url);
  }
  const slow = await t.throwsAsync(client(t, 200).send(base, request({ url: '/slow' })), { instanceOf: EdgeError });
  t.is(slow?.code, 'UPSTREAM_TIMEOUT');
  t.regex(slow?.message ?? '', /within 200 ms/);
});

test('an upstream that refuses connections fails with UPSTREAM_FAILED', async (t) => {
  const { server, base } = await serve(t, () => {});
  await new Promise((resolve) => server.close(resolve));
  const error = await t.throwsAsync(client(t).send(base, request()), { instanceOf: EdgeError });
  t.is(error?.code, 'UPSTREAM_FAILED');
  t.regex(error?.message ?? '', /ECONNREFUSED/);
});
