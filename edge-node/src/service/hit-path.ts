import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { CacheKeyer } from '../cache/cache-key.ts';
import type { ContentCache } from '../cache/content-cache.ts';

/**
 * The hot path: a fresh cache hit is written straight to the response, before fastify builds its
 * request and reply objects or routes anything. Everything else (misses, probes, pass-through)
 * goes on to fastify. Returns whether it answered.
 */
export function answerFromCache(
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
  cache: ContentCache,
  cacheKey: CacheKeyer,
): boolean {
  const head = req.method === 'HEAD';
  if ((req.method !== 'GET' && !head) || req.headers.authorization !== undefined) return false;
  const host = req.headers.host ?? req.headers[':authority'];
  const hit = cache.lookup(cacheKey('GET', typeof host === 'string' ? host : '', req.url ?? '/'));
  if (!hit) return false;
  const { status, headers, body } = hit.response;
  res.setHeader('x-cache', 'HIT');
  res.setHeader('age', String(hit.ageS));
  res.setHeader('content-length', body.length);
  res.writeHead(status, headers);
  if (head) res.end();
  else res.end(body);
  return true;
}
