import { createServer as createHttp1Server, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  constants as h2constants,
  createServer as createHttp2Server,
  type ServerHttp2Stream,
  type Http2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from 'node:http2';

/** Limits on what one client may make the service ports hold: bytes, headers, time, streams. */
export interface ServiceLimits {
  /** Whole request head must arrive within this (slowloris). */
  readonly headersTimeoutMs: number;
  /** Whole request, body included, must arrive within this (HTTP/1.1 connections and HTTP/2 streams). */
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** A connection or HTTP/2 session silent this long is closed. */
  readonly idleTimeoutMs: number;
  readonly maxHeaderBytes: number;
  readonly maxHeaderCount: number;
  readonly maxBodyBytes: number;
  readonly h2MaxConcurrentStreams: number;
  /** Open connections over all service ports together; beyond it new ones are reset. */
  readonly maxConnections: number;
  /** Per-session HTTP/2 memory bound, MiB. */
  readonly h2MaxSessionMemoryMb: number;
}

export type Http1Handler = (req: IncomingMessage, res: ServerResponse) => void;
export type Http2Handler = (req: Http2ServerRequest, res: Http2ServerResponse) => void;

export function createLimitedHttp1Server(limits: ServiceLimits, handler: Http1Handler): Server {
  // The timeouts are enforced when connections are checked: every second, not Node's default 30 s.
  const server = createHttp1Server(
    { maxHeaderSize: limits.maxHeaderBytes, noDelay: true, connectionsCheckingInterval: 1000 },
    handler,
  );
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxHeadersCount = limits.maxHeaderCount;
  server.timeout = limits.idleTimeoutMs;
  // Connections reach this server from our own listeners (socket-listener.ts), so it never listens
  // itself; Node starts tracking connections (headersTimeout, requestTimeout, closeAllConnections)
  // on 'listening', so signal it.
  server.emit('listening');
  return server;
}

export function createLimitedH2cServer(limits: ServiceLimits, handler: Http2Handler): Http2Server {
  const server = createHttp2Server(
    {
      settings: { maxConcurrentStreams: limits.h2MaxConcurrentStreams, maxHeaderListSize: limits.maxHeaderBytes },
      maxHeaderListPairs: limits.maxHeaderCount,
      maxSessionMemory: limits.h2MaxSessionMemoryMb,
      maxSessionInvalidFrames: 100,
      maxSessionRejectedStreams: 100,
    },
    handler,
  );
  server.on('session', (session) => session.setTimeout(limits.idleTimeoutMs, () => session.close()));
  server.on('stream', (stream: ServerHttp2Stream) => limitRequestTime(stream, limits.requestTimeoutMs));
  return server;
}

/**
 * HTTP/2's counterpart of `requestTimeout`: a stream whose request (headers and body) has not
 * fully arrived in time is reset, so trickling a byte now and then cannot hold streams open. The
 * session's idle timeout does not help there, as any byte on any stream resets it.
 */
export function limitRequestTime(stream: ServerHttp2Stream, timeoutMs: number): void {
  if (stream.endAfterHeaders) return;
  const timer = setTimeout(() => {
    if (!stream.destroyed && !stream.state.remoteClose) stream.close(h2constants.NGHTTP2_CANCEL);
  }, timeoutMs);
  timer.unref();
  stream.once('close', () => clearTimeout(timer));
}
