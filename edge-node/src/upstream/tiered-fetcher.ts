import type { OutgoingHttpHeaders } from 'node:http';
import { rankByRendezvous } from './rendezvous.ts';
import { TIER_HEADER, type UpstreamFetcher, type UpstreamRequest, type UpstreamResponse } from './upstream.ts';

export type Tier = 'parent' | 'origin';

/** What the fetcher needs of an HTTP client (`HttpUpstreamClient` in production). */
export interface UpstreamSender {
  send(base: URL, request: UpstreamRequest, extraHeaders?: OutgoingHttpHeaders): Promise<UpstreamResponse>;
}

export interface TierEvents {
  /** `ok` is any response below 500; `error` a 5xx or no response at all. */
  onFetch(tier: Tier, outcome: 'ok' | 'error'): void;
}

/**
 * Fills from the parent PoP's servers first (rendezvous-ranked per URL, next one on failure),
 * then from the origin. Requests that came from a child tier go straight to the origin.
 */
export class TieredFetcher implements UpstreamFetcher {
  readonly #client: UpstreamSender;
  readonly #origin: URL;
  readonly #parents: readonly URL[];
  readonly #servedBy: string;
  readonly #events: TierEvents;

  constructor(client: UpstreamSender, origin: URL, parents: readonly URL[], servedBy: string, events: TierEvents) {
    this.#client = client;
    this.#origin = origin;
    this.#parents = parents;
    this.#servedBy = servedBy;
    this.#events = events;
  }

  async fetch(request: UpstreamRequest): Promise<UpstreamResponse> {
    if (!request.fromChildTier) {
      for (const parent of rankByRendezvous(`${request.host}${request.url}`, this.#parents, (p) => p.host)) {
        const response = await this.#client
          .send(parent, request, { [TIER_HEADER]: this.#servedBy })
          .catch(() => undefined);
        const ok = response !== undefined && response.status < 500;
        this.#events.onFetch('parent', ok ? 'ok' : 'error');
        if (ok) return response;
      }
    }
    try {
      const response = await this.#client.send(this.#origin, request);
      this.#events.onFetch('origin', response.status < 500 ? 'ok' : 'error');
      return response;
    } catch (error) {
      this.#events.onFetch('origin', 'error');
      throw error;
    }
  }
}
