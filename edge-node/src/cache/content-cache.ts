import type { NowMs } from '../clock.ts';
import type { UpstreamFetcher, UpstreamRequest, UpstreamResponse } from '../upstream/upstream.ts';
import { LruStore, type LruStoreEvents } from './lru-store.ts';
import { SingleFlight } from './single-flight.ts';
import { storagePolicy } from './storage-policy.ts';

export type CacheResult = 'HIT' | 'MISS' | 'BYPASS' | 'STALE';

export interface Served {
  readonly response: UpstreamResponse;
  readonly cache: CacheResult;
  /** Seconds since the response was stored; 0 for what was just fetched. */
  readonly ageS: number;
}

export interface ContentCacheSettings {
  readonly maxBytes: number;
  readonly maxObjectBytes: number;
  /** How long past its expiry an entry may still be served when the upstream fails. */
  readonly staleIfErrorMs: number;
}

interface Entry {
  readonly response: UpstreamResponse;
  readonly storedAtMs: number;
  readonly expiresAtMs: number;
}

interface Fill {
  readonly served: Served;
  readonly shareable: boolean;
}

/** Rough bytes an entry holds beyond its key, headers and body: objects, map slot, bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 512;

/**
 * The shared cache in front of the upstream: fresh hits served synchronously, concurrent misses
 * of one key coalesced into one upstream fetch, stale entries served when the upstream fails.
 */
export class ContentCache {
  readonly #settings: ContentCacheSettings;
  readonly #fetcher: UpstreamFetcher;
  readonly #now: NowMs;
  readonly #store: LruStore<Entry>;
  readonly #flights = new SingleFlight<Fill>();

  constructor(settings: ContentCacheSettings, fetcher: UpstreamFetcher, now: NowMs, events: LruStoreEvents) {
    this.#settings = settings;
    this.#fetcher = fetcher;
    this.#now = now;
    this.#store = new LruStore<Entry>(settings.maxBytes, (key, entry) => entryCost(key, entry.response), events);
  }

  get objects(): number {
    return this.#store.count;
  }

  /** A fresh entry for `key`, or undefined: the hit path, with no promise in it. */
  lookup(key: string): Served | undefined {
    const entry = this.#store.get(key);
    const now = this.#now();
    if (!entry || entry.expiresAtMs <= now) return undefined;
    return { response: entry.response, cache: 'HIT', ageS: Math.floor((now - entry.storedAtMs) / 1000) };
  }

  /** Fetches `key` upstream, once for all concurrent callers, and stores it if it may. */
  async fill(key: string, request: UpstreamRequest): Promise<Served> {
    const flight = this.#flights.run(key, () => this.#fetchAndStore(key, request));
    const fill = await flight.promise;
    if (flight.leader || fill.shareable) return fill.served;
    // A response meant for one client (private, set-cookie) is never handed to another.
    return this.bypass(request);
  }

  /** Passes a request through without storing or coalescing it. */
  async bypass(request: UpstreamRequest): Promise<Served> {
    return { response: await this.#fetcher.fetch(request), cache: 'BYPASS', ageS: 0 };
  }

  async #fetchAndStore(key: string, request: UpstreamRequest): Promise<Fill> {
    let response: UpstreamResponse;
    try {
      response = await this.#fetcher.fetch(request);
    } catch (error) {
      const stale = this.#stale(key);
      if (stale) return { served: stale, shareable: true };
      throw error;
    }
    if (response.status >= 500) {
      const stale = this.#stale(key);
      if (stale) return { served: stale, shareable: true };
    }
    const policy = storagePolicy(response.status, response.headers);
    if (!policy.store || response.body.length > this.#settings.maxObjectBytes) {
      return { served: { response, cache: 'BYPASS', ageS: 0 }, shareable: policy.store || policy.shareable };
    }
    const now = this.#now();
    this.#store.set(key, { response, storedAtMs: now, expiresAtMs: now + policy.ttlMs });
    return { served: { response, cache: 'MISS', ageS: 0 }, shareable: true };
  }

  #stale(key: string): Served | undefined {
    const entry = this.#store.get(key);
    if (!entry) return undefined;
    const now = this.#now();
    if (now > entry.expiresAtMs + this.#settings.staleIfErrorMs) {
      this.#store.delete(key);
      return undefined;
    }
    return { response: entry.response, cache: 'STALE', ageS: Math.floor((now - entry.storedAtMs) / 1000) };
  }
}

/**
 * What an entry really costs the heap: the key twice over (a JS string may be stored as UTF-16,
 * and the store's map holds it), header names and values likewise, the body, and the objects
 * around them. A bound that counted the body only let 100,000 long URLs with tiny bodies take
 * ten times the configured size.
 */
export function entryCost(key: string, response: UpstreamResponse): number {
  let size = 2 * key.length + response.body.length + ENTRY_OVERHEAD_BYTES;
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : value.join('');
    size += 2 * (name.length + text.length);
  }
  return size;
}
