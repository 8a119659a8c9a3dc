import type { HeaderMap } from '../cache/storage-policy.ts';

/** A request the edge sends on towards its parents or the origin. */
export interface UpstreamRequest {
  readonly method: string;
  /** Path and query, as the client sent them. */
  readonly url: string;
  readonly host: string;
  /** End-to-end request headers to pass on (hop-by-hop ones are dropped on the way). */
  readonly headers: HeaderMap;
  readonly body: Buffer | undefined;
  /** Set when the request came from a child edge: go straight to the origin, never loop. */
  readonly fromChildTier: boolean;
}

/** A complete upstream response with end-to-end headers only. */
export interface UpstreamResponse {
  readonly status: number;
  readonly headers: HeaderMap;
  readonly body: Buffer;
}

export interface UpstreamFetcher {
  fetch(request: UpstreamRequest): Promise<UpstreamResponse>;
}

/** Marks requests an edge sends to a parent PoP; its value is the child's `<pop>/<server>`. */
export const TIER_HEADER = 'x-anycast-lab-tier';
