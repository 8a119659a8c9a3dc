import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { NowMs } from '../clock.ts';
import type { Mitigation, RequestVerdict } from '../defense/mitigation.ts';
import { normalizeSource } from '../defense/source-prefix.ts';
import type { ErrorWindow } from '../health/error-window.ts';
import type { EdgeMetrics, MitigationAction, RequestCacheLabel } from '../metrics/edge-metrics.ts';
import type { TrafficTracker } from './traffic.ts';
import { isUpstreamFailure } from './upstream-blame.ts';

export interface RequestGateDeps {
  readonly servedBy: string;
  readonly mitigation: Mitigation;
  readonly metrics: EdgeMetrics;
  readonly traffic: TrafficTracker;
  readonly errors: ErrorWindow;
  readonly now: NowMs;
  /** Answers fresh cache hits before the handler, completely; false passes the request on. */
  readonly serveHit: (req: AnyRequest, res: AnyResponse) => boolean;
}

export type AnyRequest = IncomingMessage | Http2ServerRequest;
export type AnyResponse = ServerResponse | Http2ServerResponse;

const REJECTION_ACTION: Record<Exclude<RequestVerdict, 'allow'>, MitigationAction> = {
  blocked: 'blocked',
  'source-limited': 'rate-limited-source',
  'prefix-limited': 'rate-limited-prefix',
};

/** nginx's code for a client that went away before its response was complete. */
const CLIENT_CLOSED = 499;

/**
 * Runs before fastify sees a request: stamps `x-served-by`, rejects limited or blocked sources
 * with a bare 429 (no routing, no body parsing), accounts every admitted request when its
 * response closes, and lets `serveHit` answer fresh hits without fastify.
 */
export function gateRequests<Req extends AnyRequest, Res extends AnyResponse>(
  deps: RequestGateDeps,
  handler: (req: Req, res: Res) => void,
): (req: Req, res: Res) => void {
  const account = (source: string, status: number, cache: RequestCacheLabel, start: number, end: number, upstreamFailed: boolean): void => {
    deps.metrics.countRequest(status, cache);
    deps.metrics.observeDuration(cache, (end - start) / 1000);
    // Only the edge's own 5xx count against its health (upstream-blame.ts).
    deps.errors.record(status >= 500 && !upstreamFailed, end);
    if (status >= 400) deps.mitigation.recordError(source);
  };
  return (req, res) => {
    const start = deps.now();
    res.setHeader('x-served-by', deps.servedBy);
    const source = normalizeSource(req.socket.remoteAddress ?? '');
    const verdict = deps.mitigation.admitRequest(source, start);
    if (verdict !== 'allow') {
      reject(req, res, verdict, deps.metrics);
      return;
    }
    // An early answer is complete when the call returns: no listener to add, nothing in flight.
    if (deps.serveHit(req, res)) {
      account(source, res.statusCode, 'HIT', start, deps.now(), false);
      return;
    }
    deps.traffic.begin(start);
    res.once('close', () => {
      deps.traffic.end();
      const status = res.writableEnded ? res.statusCode : CLIENT_CLOSED;
      const cache = (res.getHeader('x-cache') as RequestCacheLabel | undefined) ?? 'NONE';
      account(source, status, cache, start, deps.now(), isUpstreamFailure(res));
    });
    handler(req, res);
  };
}

function reject(req: AnyRequest, res: AnyResponse, verdict: Exclude<RequestVerdict, 'allow'>, metrics: EdgeMetrics): void {
  metrics.countMitigation(REJECTION_ACTION[verdict]);
  metrics.countRequest(429, 'NONE');
  res.statusCode = 429;
  res.setHeader('retry-after', '1');
  res.setHeader('content-length', '0');
  if (verdict === 'blocked') {
    // A blocked source loses its connection too; its next one is refused before HTTP parsing.
    if ('stream' in req) req.stream.session?.close();
    else res.setHeader('connection', 'close');
  }
  res.end();
}
