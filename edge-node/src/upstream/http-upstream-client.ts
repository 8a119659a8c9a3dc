import { Agent, request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { HeaderMap } from '../cache/storage-policy.ts';
import { EdgeError } from '../errors.ts';
import type { UpstreamRequest, UpstreamResponse } from './upstream.ts';

export interface UpstreamClientSettings {
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxSocketsPerHost: number;
}

/** Headers that describe one hop, or that this edge sets itself, never passed along. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'host',
  'age',
  'x-cache',
  'x-served-by',
]);

export function endToEndHeaders(headers: HeaderMap | IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_FORWARDED.has(name) || name.startsWith(':')) continue;
    kept[name] = typeof value === 'string' ? value : [...value];
  }
  return kept;
}

/** HTTP/1.1 to one upstream base URL over kept-alive connections, bounded in time and size. */
export class HttpUpstreamClient {
  readonly #settings: UpstreamClientSettings;
  readonly #agent: Agent;

  constructor(settings: UpstreamClientSettings) {
    this.#settings = settings;
    this.#agent = new Agent({ keepAlive: true, maxSockets: settings.maxSocketsPerHost, scheduling: 'lifo' });
  }

  send(base: URL, request: UpstreamRequest, extraHeaders: OutgoingHttpHeaders = {}): Promise<UpstreamResponse> {
    const { timeoutMs, maxBodyBytes } = this.#settings;
    const where = `${request.method} ${base.origin}${request.url}`;
    return new Promise((resolve, reject) => {
      const headers: OutgoingHttpHeaders = { ...endToEndHeaders(request.headers), ...extraHeaders, host: request.host };
      if (request.body) headers['content-length'] = request.body.length;
      const req = httpRequest(
        { host: base.hostname, port: base.port || 80, method: request.method, path: request.url, headers, agent: this.#agent },
        (res) => {
          res.on('error', fail);
          const declared = Number(res.headers['content-length'] ?? 0);
          if (declared > maxBodyBytes) {
            abort(tooLarge(where, maxBodyBytes));
            return;
          }
          const chunks: Buffer[] = [];
          let received = 0;
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > maxBodyBytes) abort(tooLarge(where, maxBodyBytes));
            else chunks.push(chunk);
          });
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 502, headers: endToEndHeaders(res.headers), body: Buffer.concat(chunks, received) });
          });
        },
      );
      const timer = setTimeout(
        () => abort(new EdgeError('UPSTREAM_TIMEOUT', `${where}: no complete response within ${timeoutMs} ms`)),
        timeoutMs,
      );
      req.on('error', fail);
      req.end(request.body);

      function fail(error: Error): void {
        clearTimeout(timer);
        reject(error instanceof EdgeError ? error : new EdgeError('UPSTREAM_FAILED', `${where}: ${error.message}`, { cause: error }));
      }

      // Settles first, then tears the connection down: the errors that teardown emits change nothing.
      function abort(error: EdgeError): void {
        fail(error);
        req.destroy();
      }
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

function tooLarge(where: string, limit: number): EdgeError {
  return new EdgeError('UPSTREAM_TOO_LARGE', `${where}: response body over the ${limit}-byte limit`);
}
