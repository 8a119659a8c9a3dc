import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ORIGIN_PATHS } from '../../../contracts/origin-api.ts';
import { MAX_OBJECT_BYTES, parseObjectRequest, type ObjectSpec } from './object-request.ts';
import { RequestStats } from './request-stats.ts';

const MAX_STATS_KEYS = 10_000;

/** Every object is a prefix of one pattern buffer: no allocation per request. */
const PATTERN = Buffer.alloc(MAX_OBJECT_BYTES, 'anycast-lab origin object 0123456789\n');

/**
 * The content server the edges cache in front of. It serves objects of chosen size and headers
 * (`/obj/<bytes>`), and counts what it was asked for (`/stats`), so tests can prove hit ratios
 * and origin shielding.
 */
export function createOriginServer(name: string): Server {
  const stats = new RequestStats(MAX_STATS_KEYS);
  return createServer((req, res) => guarded(res, () => route(req, res, name, stats)));
}

function route(req: IncomingMessage, res: ServerResponse, name: string, stats: RequestStats): void {
  const url = req.url ?? '/';
  if (url === ORIGIN_PATHS.stats && req.method === 'GET') return sendJson(res, 200, stats.snapshot());
  if (url === ORIGIN_PATHS.statsReset && req.method === 'POST') {
    stats.reset();
    return sendJson(res, 200, stats.snapshot());
  }
  stats.count(url);
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: `method ${req.method} not allowed` });
  if (url === '/') return sendJson(res, 200, { origin: name, objects: '/obj/<bytes>?cc=<cache-control>&ct=<type>&delay=<ms>' });
  const request = parseObjectRequest(url);
  if (!request) return sendJson(res, 404, { error: `no such path ${url}` });
  if (!request.ok) return sendJson(res, 400, { error: request.error });
  sendObject(req, res, request.spec);
}

/** A bug in handling one request answers that request with a 500; it never ends the process. */
function guarded(res: ServerResponse, run: () => void): void {
  try {
    run();
  } catch (error) {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'request-failed', error: String(error) })}\n`);
    if (res.headersSent) res.destroy();
    else sendJson(res, 500, { error: 'internal error' });
  }
}

function sendObject(req: IncomingMessage, res: ServerResponse, spec: ObjectSpec): void {
  const send = (): void => {
    res.statusCode = 200;
    res.setHeader('content-type', spec.contentType);
    res.setHeader('content-length', spec.bytes);
    if (spec.cacheControl !== undefined) res.setHeader('cache-control', spec.cacheControl);
    res.end(req.method === 'HEAD' ? undefined : PATTERN.subarray(0, spec.bytes));
  };
  if (spec.delayMs === 0) return send();
  const timer = setTimeout(() => guarded(res, send), spec.delayMs);
  // A client that gave up frees its timer at once, so slow requests cannot pile up timers.
  res.once('close', () => clearTimeout(timer));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}
