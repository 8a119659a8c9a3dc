import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { MemoryFrrDriver } from '../../../../edge-node/src/announce/memory-frr-driver.ts';
import { DEFAULT_TUNING, type EdgeConfig } from '../../../../edge-node/src/config.ts';
import { startEdge, type RunningEdge } from '../../../../edge-node/src/edge.ts';
import type { Logger } from '../../../../edge-node/src/log.ts';
import { createOriginServer } from '../../../../images/origin/src/origin-server.ts';
import { notYet, ready, waitFor } from '../../../../orchestrator/src/wait/wait-for.ts';

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One HTTP/1.1 request; `localAddress` picks the source among 127.0.0.0/8, a new connection each time. */
export function get(url: string, options: { localAddress?: string; headers?: Record<string, string>; method?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('latin1');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export async function startOrigin(): Promise<{ readonly server: Server; readonly url: string }> {
  const server = createOriginServer('test-origin');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** An edge on 127.0.0.1, ephemeral ports, fast timers, the in-memory FRR. */
export function loopbackConfig(originUrl: string, overrides: Partial<EdgeConfig> = {}): EdgeConfig {
  return {
    node: 'test-edge-1',
    pop: 'test',
    server: 'edge-1',
    serviceAddr: '127.0.0.1',
    lanAddr: '127.0.0.1',
    mgmtAddr: '127.0.0.1',
    asn: 64512,
    originUrl: new URL(originUrl),
    parentUrls: [],
    ports: { http: 0, h2c: 0, admin: 0 },
    frrDriver: 'memory',
    kernelFilter: 'none',
    peers: { addresses: [], key: '', port: 0 },
    ...DEFAULT_TUNING,
    // Lag is not under test here, and a loaded test machine must not withdraw the route.
    health: { ...DEFAULT_TUNING.health, intervalMs: 100, rise: 1, fall: 1, maxLagMs: 10_000 },
    drain: { ...DEFAULT_TUNING.drain, quietMs: 200, maxMs: 3000, pollMs: 20 },
    defense: {
      ...DEFAULT_TUNING.defense,
      limiter: { ...DEFAULT_TUNING.defense.limiter, source: { perSecond: 100, burst: 100 } },
      windowMs: 200,
    },
    ...overrides,
  };
}

export interface LoopbackEdge {
  readonly edge: RunningEdge;
  readonly frr: MemoryFrrDriver;
  readonly logs: Array<Record<string, unknown>>;
  readonly http: string;
  readonly h2c: string;
  readonly admin: string;
  admitted(): Promise<unknown>;
}

export async function startLoopbackEdge(config: EdgeConfig): Promise<LoopbackEdge> {
  const frr = new MemoryFrrDriver();
  const logs: Array<Record<string, unknown>> = [];
  const logger: Logger = { log: (level, event, fields) => logs.push({ level, event, ...fields }) };
  const edge = await startEdge(config, { frr, logger });
  const http = `http://127.0.0.1:${edge.http[0]?.port}`;
  return {
    edge,
    frr,
    logs,
    http,
    h2c: `http://127.0.0.1:${edge.h2c[0]?.port}`,
    admin: `http://127.0.0.1:${edge.admin.port}`,
    admitted: () => waitUntil(() => edge.control.announcement().state === 'announced', 3000, 'announced'),
  };
}

/** Origin and edge up for `run`, both stopped after it, whatever happens. */
export async function withLoopbackEdge(
  configure: (originUrl: string) => EdgeConfig,
  run: (lab: LoopbackEdge, originUrl: string) => Promise<void>,
): Promise<void> {
  const origin = await startOrigin();
  const lab = await startLoopbackEdge(configure(origin.url));
  try {
    await run(lab, origin.url);
  } finally {
    await lab.edge.shutdown('test over');
    await stopServer(origin.server);
  }
}

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  await waitFor(async () => ((await condition()) ? ready(undefined) : notYet(what)), { what, timeoutMs, intervalMs: 20 });
}
