import type { Server } from 'node:http';
import type { Http2Server } from 'node:http2';
import type { Socket } from 'node:net';
import {
  fastify,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerBase,
} from 'fastify';
import type { ContentCache, Served } from '../cache/content-cache.ts';
import type { CacheKeyer } from '../cache/cache-key.ts';
import { isEdgeError, type EdgeErrorCode } from '../errors.ts';
import { TIER_HEADER, type UpstreamRequest } from '../upstream/upstream.ts';
import { gateRequests, type RequestGateDeps } from './request-gate.ts';
import { createLimitedH2cServer, createLimitedHttp1Server, type ServiceLimits } from './service-limits.ts';
import { blameUpstream } from './upstream-blame.ts';

export interface ServiceAppDeps {
  readonly pop: string;
  readonly server: string;
  readonly cache: ContentCache;
  readonly cacheKey: CacheKeyer;
  readonly limits: ServiceLimits;
  readonly gate: RequestGateDeps;
}

/** A service app and the HTTP server behind it, which is fed connections from outside. */
export interface ServiceApp<S extends Server | Http2Server> {
  readonly app: FastifyInstance<S, RawRequestDefaultExpression<S>, RawReplyDefaultExpression<S>>;
  readonly server: S;
  /** Hands an accepted, admitted connection to the HTTP server. */
  readonly accept: (socket: Socket) => void;
}

export async function createHttp1ServiceApp(deps: ServiceAppDeps): Promise<ServiceApp<Server>> {
  let server: Server | undefined;
  const app = fastify({
    ...commonOptions(deps),
    serverFactory: (handler) => (server = createLimitedHttp1Server(deps.limits, gateRequests(deps.gate, handler))),
  });
  return finish(app, deps, () => server);
}

export async function createH2cServiceApp(deps: ServiceAppDeps): Promise<ServiceApp<Http2Server>> {
  let server: Http2Server | undefined;
  const app = fastify({
    ...commonOptions(deps),
    http2: true,
    serverFactory: (handler) => (server = createLimitedH2cServer(deps.limits, gateRequests(deps.gate, handler))),
  });
  return finish(app, deps, () => server);
}

function commonOptions(deps: ServiceAppDeps) {
  const servedBy = deps.gate.servedBy;
  return {
    logger: false,
    bodyLimit: deps.limits.maxBodyBytes,
    requestIdHeader: false as const,
    // Requests still arriving on kept-alive connections while closing are served, not refused.
    return503OnClosing: false,
    clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, text] =
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout']
          : error.code === 'HPE_HEADER_OVERFLOW'
            ? [431, 'Request Header Fields Too Large']
            : [400, 'Bad Request'];
      if (socket.writable) {
        socket.write(`HTTP/1.1 ${status} ${text}\r\nx-served-by: ${servedBy}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
      }
      socket.destroy(error);
    },
  };
}

async function finish<S extends Server | Http2Server>(
  app: FastifyInstance<S, RawRequestDefaultExpression<S>, RawReplyDefaultExpression<S>>,
  deps: ServiceAppDeps,
  server: () => S | undefined,
): Promise<ServiceApp<S>> {
  registerServiceRoutes(app, deps);
  await app.ready();
  const created = server();
  if (!created) throw new Error('fastify did not call the server factory');
  return { app, server: created, accept: (socket) => created.emit('connection', socket) };
}

type Req<S extends RawServerBase> = FastifyRequest<{ Body: Buffer | undefined }, S>;
type Rep<S extends RawServerBase> = FastifyReply<{ Body: Buffer | undefined }, S>;

function registerServiceRoutes<S extends RawServerBase>(
  app: FastifyInstance<S, RawRequestDefaultExpression<S>, RawReplyDefaultExpression<S>>,
  deps: ServiceAppDeps,
): void {
  const { pop, server, cache, cacheKey } = deps;
  // Bodies pass through to the origin untouched, whatever their type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.get('/probe', (_request, reply) => {
    reply.header('cache-control', 'no-store').send({ pop, server, time: Date.now() });
  });

  app.get('/*', (request: Req<S>, reply: Rep<S>) => {
    if (request.headers.authorization !== undefined) {
      passThrough(request, reply, cache);
      return;
    }
    // Fresh hits never get here: the request gate answers them (hit-path.ts).
    const key = cacheKey('GET', request.host, request.url);
    cache.fill(key, upstreamRequest(request, 'GET', false)).then(
      (served) => send(reply, served),
      (error: unknown) => sendUpstreamError(reply, error),
    );
  });

  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: '/*',
    handler: (request: Req<S>, reply: Rep<S>) => passThrough(request, reply, cache),
  });
}

function passThrough<S extends RawServerBase>(request: Req<S>, reply: Rep<S>, cache: ContentCache): void {
  cache.bypass(upstreamRequest(request, request.method, true)).then(
    (served) => send(reply, served),
    (error: unknown) => sendUpstreamError(reply, error),
  );
}

/** Cache fills forward no client headers (the response is shared); pass-through forwards them all. */
function upstreamRequest<S extends RawServerBase>(request: Req<S>, method: string, forwardHeaders: boolean): UpstreamRequest {
  return {
    method,
    url: request.url,
    host: request.host,
    headers: forwardHeaders ? request.headers : {},
    body: Buffer.isBuffer(request.body) ? request.body : undefined,
    fromChildTier: request.headers[TIER_HEADER] !== undefined,
  };
}

function send<S extends RawServerBase>(reply: Rep<S>, served: Served): void {
  if (served.response.status >= 500) blameUpstream(reply.raw);
  reply.code(served.response.status).headers(served.response.headers).header('x-cache', served.cache);
  if (served.cache !== 'BYPASS') reply.header('age', String(served.ageS));
  reply.send(served.response.body);
}

/**
 * What a client is told when the upstream failed: the status and a stable code, never the
 * upstream's address or the request as it was sent on (that detail is for the edge's metrics).
 */
const UPSTREAM_ERROR_ANSWERS: Partial<Record<EdgeErrorCode, { readonly status: number; readonly message: string }>> = {
  UPSTREAM_TIMEOUT: { status: 504, message: 'the origin did not answer in time' },
  UPSTREAM_TOO_LARGE: { status: 502, message: 'the origin sent a response larger than this edge accepts' },
};
const UPSTREAM_FAILED_ANSWER = { status: 502, message: 'the origin could not be reached' };

function sendUpstreamError<S extends RawServerBase>(reply: Rep<S>, error: unknown): void {
  const code: EdgeErrorCode = isEdgeError(error) ? error.code : 'UPSTREAM_FAILED';
  const answer = UPSTREAM_ERROR_ANSWERS[code] ?? UPSTREAM_FAILED_ANSWER;
  blameUpstream(reply.raw);
  reply.code(answer.status).header('cache-control', 'no-store').send({ error: code, message: answer.message });
}
