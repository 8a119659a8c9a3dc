import test from 'ava';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EdgeError } from '../../../../edge-node/src/errors.ts';
import { HttpUpstreamClient, endToEndHeaders } from '../../../../edge-node/src/upstream/http-upstream-client.ts';
import type { UpstreamRequest } from '../../../../edge-node/src/upstream/upstream.ts';

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; base: URL }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`) };
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
  const { server, base } = await serve((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.setHeader('connection', 'keep-alive');
      res.setHeader('x-seen', `${req.method} ${req.url} ${req.headers.host} ${req.headers['x-extra']} ${body}`);
      res.end('done');
    });
  });
  const client = new HttpUpstreamClient({ timeoutMs: 2000, maxBodyBytes: 1000, maxSocketsPerHost: 4 });
  const response = await client.send(base, request({ method: 'POST', body: Buffer.from('hi') }), { 'x-extra': 'yes' });
  t.is(response.status, 200);
  t.is(response.headers['x-seen'], 'POST /x?q=1 svc.test yes hi');
  t.is(response.headers['connection'], undefined);
  t.is(response.body.toString(), 'done');
  client.close();
  server.close();
});

test('bodies over the limit and slow upstreams fail with typed errors', async (t) => {
  const { server, base } = await serve((req, res) => {
    if (req.url === '/big') res.end(Buffer.alloc(2000));
    else if (req.url === '/chunked') {
      res.write(Buffer.alloc(800));
      res.end(Buffer.alloc(800));
    } else setTimeout(() => res.end('late'), 3000).unref();
  });
  const roomy = new HttpUpstreamClient({ timeoutMs: 5000, maxBodyBytes: 1000, maxSocketsPerHost: 4 });
  const hasty = new HttpUpstreamClient({ timeoutMs: 200, maxBodyBytes: 1000, maxSocketsPerHost: 4 });
  try {
    for (const url of ['/big', '/chunked']) {
      const error = await t.throwsAsync(roomy.send(base, request({ url })), { instanceOf: EdgeError });
      t.is(error?.code, 'UPSTREAM_TOO_LARGE', url);
    }
    const slow = await t.throwsAsync(hasty.send(base, request({ url: '/slow' })), { instanceOf: EdgeError });
    t.is(slow?.code, 'UPSTREAM_TIMEOUT');
    t.regex(slow?.message ?? '', /within 200 ms/);
  } finally {
    roomy.close();
    hasty.close();
    server.closeAllConnections();
    server.close();
  }
});

test('an upstream that refuses connections fails with UPSTREAM_FAILED', async (t) => {
  const { server, base } = await serve(() => {});
  await new Promise((resolve) => server.close(resolve));
  const client = new HttpUpstreamClient({ timeoutMs: 1000, maxBodyBytes: 1000, maxSocketsPerHost: 4 });
  const error = await t.throwsAsync(client.send(base, request()), { instanceOf: EdgeError });
  t.is(error?.code, 'UPSTREAM_FAILED');
  t.regex(error?.message ?? '', /ECONNREFUSED/);
  client.close();
});
