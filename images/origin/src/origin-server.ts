import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
  return createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/stats' && req.method === 'GET') return sendJson(res, 200, stats.snapshot());
    if (url === '/stats/reset' && req.method === 'POST') {
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
  });
}

function sendObject(req: IncomingMessage, res: ServerResponse, spec: ObjectSpec): void {
  const send = (): void => {
    res.statusCode = 200;
    res.setHeader('content-type', spec.contentType);
    res.setHeader('content-length', spec.bytes);
    if (spec.cacheControl !== undefined) res.setHeader('cache-control', spec.cacheControl);
    res.end(req.method === 'HEAD' ? undefined : PATTERN.subarray(0, spec.bytes));
  };
  if (spec.delayMs > 0) setTimeout(send, spec.delayMs);
  else send();
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}
