import type { ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AnycastLabError } from '../errors.ts';
import { DASHBOARD_PATHS, SSE_EVENTS, type ActionAnswer, type AttackRequest, type DashboardView, type FaultRequest } from './dashboard-api.ts';
import type { Feed, FeedEvent } from './feed.ts';

/** What the buttons do; absent in replay (nothing to break). */
export interface DashboardControls {
  injectFault(request: FaultRequest): Promise<ActionAnswer>;
  revertFault(id: string): Promise<ActionAnswer>;
  startAttack(request: AttackRequest): Promise<ActionAnswer>;
  stopAttack(id: string): Promise<ActionAnswer>;
}

export interface DashboardServerOptions {
  readonly view: DashboardView;
  readonly feed: Feed;
  readonly page: { readonly html: string; readonly script: string };
  readonly controls?: DashboardControls;
}

const HEARTBEAT_MS = 15_000;
const ID_PATTERN = '^[A-Za-z0-9._-]{1,64}$';
const WORDS = { type: 'array', maxItems: 16, items: { type: 'string', maxLength: 100 } } as const;
const FIELDS = { type: 'object', maxProperties: 16, additionalProperties: { type: 'string', maxLength: 100 } } as const;
const FAULT_BODY = {
  type: 'object',
  required: ['kind', 'target', 'fields'],
  additionalProperties: false,
  properties: { kind: { type: 'string', maxLength: 40 }, target: WORDS, fields: FIELDS },
} as const;
const ATTACK_BODY = {
  type: 'object',
  required: ['kind', 'from', 'fields'],
  additionalProperties: false,
  properties: { kind: { type: 'string', maxLength: 40 }, from: WORDS, fields: FIELDS },
} as const;
const EMPTY_BODY = { type: 'object', additionalProperties: false, maxProperties: 0 } as const;
const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: ID_PATTERN } } } as const;

/**
 * A Host header a browser sends for this machine: an address or `localhost`. A page from elsewhere
 * that rebinds its own name to 127.0.0.1 sends its name, and is refused (DNS rebinding).
 */
export function isLocalHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === 'localhost' || isIP(name) !== 0;
}

/** A POST from the dashboard's own page: same origin, or no Origin at all (curl, scripts). */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  return origin === undefined || (host !== undefined && origin === `http://${host}`);
}

/** A viewer that reads this far behind is cut off (it reconnects and starts again from the marks so far). */
export const MAX_STREAM_BACKLOG_BYTES = 1024 * 1024;
/** Viewers at once; more get 503. */
export const MAX_STREAMS = 32;

function sendEvent(raw: ServerResponse, event: FeedEvent): void {
  if (raw.writableLength > MAX_STREAM_BACKLOG_BYTES) {
    raw.destroy();
    return;
  }
  const data = event.type === 'snapshot' ? event.snapshot : event.type === 'mark' ? event.mark : {};
  raw.write(`event: ${SSE_EVENTS[event.type]}\ndata: ${JSON.stringify(data)}\n\n`);
}

function answerError(reply: FastifyReply, error: unknown): ActionAnswer {
  if (error instanceof AnycastLabError) {
    reply.code(400);
    return { ok: false, message: `${error.code}: ${error.message}` };
  }
  reply.code(500);
  return { ok: false, message: `failed: ${error instanceof Error ? error.message : String(error)}` };
}

/**
 * The dashboard's HTTP server: the page, its script, the view, the live stream (server-sent
 * events) and, in live mode, the buttons' actions, one at a time. Everything under /api answers
 * only requests addressed to this machine by address or `localhost`, and actions only from the
 * page's own origin with a JSON body (a form on another site cannot send one without CORS, which
 * is not offered).
 */
export function buildDashboardServer(options: DashboardServerOptions): FastifyInstance {
  const { view, feed, page, controls } = options;
  // Bodies are checked as sent: no extra key dropped quietly, no value turned into another type.
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024, ajv: { customOptions: { removeAdditional: false, coerceTypes: false } } });
  // JSON bodies only: a plain-text POST (what a form on another site can send) gets a 415.
  app.removeContentTypeParser('text/plain');
  const streams = new Set<ServerResponse>();
  let busy = false;

  app.addHook('onRequest', async (request, reply) => {
    if (!isLocalHostHeader(request.headers.host)) return reply.code(421).send({ ok: false, message: 'this dashboard answers requests to this machine\'s address or localhost only' });
    // Browsers say when a request comes from another site: nothing here is for other sites.
    if (request.headers['sec-fetch-site'] === 'cross-site') return reply.code(403).send({ ok: false, message: 'requests from other sites are refused' });
    if (request.method !== 'GET' && request.method !== 'HEAD' && !isSameOrigin(request.headers.origin, request.headers.host)) {
      return reply.code(403).send({ ok: false, message: `actions are taken from the dashboard's own page only (Origin ${String(request.headers.origin).slice(0, 80)})` });
    }
    return undefined;
  });
  app.addHook('preClose', async () => {
    for (const raw of streams) raw.end();
    streams.clear();
  });

  app.get(DASHBOARD_PATHS.page, async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.html));
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  app.get(DASHBOARD_PATHS.script, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(page.script));
  app.get(DASHBOARD_PATHS.view, async () => view);
  app.get(DASHBOARD_PATHS.snapshot, async (_request, reply) => (feed.snapshot ? feed.snapshot : reply.code(503).send({ ok: false, message: 'no reading yet' })));

  app.get(DASHBOARD_PATHS.events, (request: FastifyRequest, reply: FastifyReply) => {
    if (streams.size >= MAX_STREAMS) return reply.code(503).header('retry-after', '5').send({ ok: false, message: `${MAX_STREAMS} viewers at once at most` });
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    raw.write('retry: 1000\n\n');
    raw.write(`event: ${SSE_EVENTS.history}\ndata: ${JSON.stringify(feed.loads)}\n\n`);
    for (const mark of feed.marks) sendEvent(raw, { type: 'mark', mark });
    if (feed.snapshot) sendEvent(raw, { type: 'snapshot', snapshot: feed.snapshot });
    if (feed.ended) sendEvent(raw, { type: 'end' });
    streams.add(raw);
    const unlisten = feed.listen((event) => sendEvent(raw, event));
    const beat = setInterval(() => raw.write(': beat\n\n'), HEARTBEAT_MS);
    raw.on('close', () => {
      clearInterval(beat);
      unlisten();
      streams.delete(raw);
    });
  });

  const act = (run: (c: DashboardControls) => Promise<ActionAnswer>) => async (_request: FastifyRequest, reply: FastifyReply): Promise<ActionAnswer> => {
    if (!controls) {
      reply.code(409);
      return { ok: false, message: 'this dashboard replays a finished run: there is nothing to break' };
    }
    if (busy) {
      reply.code(409);
      return { ok: false, message: 'another action is still running; try again when it is done' };
    }
    busy = true;
    try {
      return await run(controls);
    } catch (error) {
      return answerError(reply, error);
    } finally {
      busy = false;
    }
  };
  type IdRequest = FastifyRequest<{ Params: { id: string } }>;
  app.post(DASHBOARD_PATHS.faults, { schema: { body: FAULT_BODY } }, (request, reply) => act((c) => c.injectFault(request.body as FaultRequest))(request, reply));
  app.post(DASHBOARD_PATHS.faultRevert, { schema: { params: ID_PARAMS, body: EMPTY_BODY } }, (request, reply) =>
    act((c) => c.revertFault((request as IdRequest).params.id))(request, reply),
  );
  app.post(DASHBOARD_PATHS.attacks, { schema: { body: ATTACK_BODY } }, (request, reply) => act((c) => c.startAttack(request.body as AttackRequest))(request, reply));
  app.post(DASHBOARD_PATHS.attackStop, { schema: { params: ID_PARAMS, body: EMPTY_BODY } }, (request, reply) =>
    act((c) => c.stopAttack((request as IdRequest).params.id))(request, reply),
  );
  return app;
}
