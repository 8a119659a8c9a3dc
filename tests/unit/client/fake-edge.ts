import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';

/** Plays the edge on 127.0.0.1: answers like it (x-served-by) and counts what it saw. */
export interface FakeEdge {
  readonly port: number;
  /** Requests per path. */
  readonly requests: Map<string, number>;
  /** Distinct TCP connections and the source addresses they came from. */
  readonly sockets: { count: number; sources: Set<string> };
  /** Most requests open at once. */
  readonly peakOpen: () => number;
  close(): Promise<void>;
}

/**
 * /probe: 200; /error: 503; /blocked: 429, all with `x-served-by: test/edge-1`; /silent: never
 * answers. Headers must arrive within `headersTimeoutMs` (slowloris tests).
 */
export async function startFakeEdge(options: { headersTimeoutMs?: number } = {}): Promise<FakeEdge> {
  const requests = new Map<string, number>();
  const sockets = { count: 0, sources: new Set<string>() };
  let open = 0;
  let peak = 0;
  const server = http.createServer(
    { ...(options.headersTimeoutMs === undefined ? {} : { headersTimeout: options.headersTimeoutMs, requestTimeout: options.headersTimeoutMs + 1, connectionsCheckingInterval: 50 }) },
    (req, res) => {
      const path = req.url ?? '/';
      requests.set(path, (requests.get(path) ?? 0) + 1);
      open++;
      peak = Math.max(peak, open);
      res.on('close', () => open--);
      if (path === '/silent') return;
      const status = path === '/error' ? 503 : path === '/blocked' ? 429 : 200;
      res.writeHead(status, { 'x-served-by': 'test/edge-1', 'content-type': 'text/plain' }).end('hello\n');
    },
  );
  server.on('connection', (socket) => {
    sockets.count++;
    sockets.sources.add(socket.remoteAddress ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    sockets,
    peakOpen: () => peak,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A cleartext HTTP/2 edge that counts the streams opened on it. */
export async function startFakeH2Edge(): Promise<{ port: number; streams: () => number; close(): Promise<void> }> {
  let streams = 0;
  const server = http2.createServer();
  server.on('stream', (stream) => {
    streams++;
    stream.on('error', () => undefined);
    if (!stream.destroyed) stream.respond({ ':status': 200, 'x-served-by': 'test/edge-1' }, { endStream: true });
  });
  server.on('sessionError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    streams: () => streams,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 where nothing listens. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
