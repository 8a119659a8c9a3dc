import { BoundedMap } from './bounded-map.ts';
import { sourcePrefix } from './source-prefix.ts';
import { fullBucket, scaleRate, takeToken, type BucketRate, type TokenBucket } from './token-bucket.ts';

export interface LimiterSettings {
  readonly source: BucketRate;
  readonly prefix: BucketRate;
  readonly maxSources: number;
  readonly maxPrefixes: number;
  /** Entries idle this long are dropped at window end (their buckets would be full again anyway). */
  readonly idleMs: number;
}

export type LimitVerdict = 'allow' | 'source-limited' | 'prefix-limited';

/** What one source or prefix did during a detection window. */
export interface WindowCounts {
  requests: number;
  limited: number;
  errors: number;
}

interface Entry extends WindowCounts {
  readonly bucket: TokenBucket;
  lastSeenMs: number;
}

interface SourceEntry extends Entry {
  readonly prefix: string;
}

export interface ActorCounts extends WindowCounts {
  readonly key: string;
}

/** One window's totals, plus the sources and prefixes that were limited or erred in it. */
export interface WindowSample {
  readonly durationMs: number;
  readonly requests: number;
  readonly limited: number;
  readonly errors: number;
  readonly suspectSources: readonly ActorCounts[];
  readonly suspectPrefixes: readonly ActorCounts[];
}

/** Per-source and per-prefix token buckets with bounded memory, counting each window. */
export class SourceLimiter {
  readonly #settings: LimiterSettings;
  readonly #sources: BoundedMap<string, SourceEntry>;
  readonly #prefixes: BoundedMap<string, Entry>;
  #sourceRate: BucketRate;
  #prefixRate: BucketRate;
  #windowStartMs: number;
  #totals: WindowCounts = { requests: 0, limited: 0, errors: 0 };

  constructor(settings: LimiterSettings, nowMs: number) {
    this.#settings = settings;
    this.#sources = new BoundedMap(settings.maxSources);
    this.#prefixes = new BoundedMap(settings.maxPrefixes);
    this.#sourceRate = settings.source;
    this.#prefixRate = settings.prefix;
    this.#windowStartMs = nowMs;
  }

  get rates(): { readonly source: BucketRate; readonly prefix: BucketRate } {
    return { source: this.#sourceRate, prefix: this.#prefixRate };
  }

  /** Tightens (factor < 1) or restores (1) the limits; buckets shrink on their next refill. */
  scale(sourceFactor: number, prefixFactor: number): void {
    this.#sourceRate = scaleRate(this.#settings.source, sourceFactor);
    this.#prefixRate = scaleRate(this.#settings.prefix, prefixFactor);
  }

  admit(source: string, nowMs: number): LimitVerdict {
    const entry = this.#sourceEntry(source, nowMs);
    const prefix = this.#prefixEntry(entry.prefix, nowMs);
    entry.requests++;
    prefix.requests++;
    this.#totals.requests++;
    // Each limit counts against the one that hit it, so one loud source does not incriminate its /24.
    if (!takeToken(entry.bucket, this.#sourceRate, nowMs)) {
      entry.limited++;
      this.#totals.limited++;
      return 'source-limited';
    }
    if (!takeToken(prefix.bucket, this.#prefixRate, nowMs)) {
      prefix.limited++;
      this.#totals.limited++;
      return 'prefix-limited';
    }
    return 'allow';
  }

  recordError(source: string): void {
    const entry = this.#sources.get(source);
    if (entry) {
      entry.errors++;
      const prefix = this.#prefixes.get(entry.prefix);
      if (prefix) prefix.errors++;
    }
    this.#totals.errors++;
  }

  /** Closes the current window: returns what happened in it and starts counting afresh. */
  takeWindow(nowMs: number): WindowSample {
    const sample: WindowSample = {
      durationMs: Math.max(1, nowMs - this.#windowStartMs),
      ...this.#totals,
      suspectSources: this.#collect(this.#sources, nowMs),
      suspectPrefixes: this.#collect(this.#prefixes, nowMs),
    };
    this.#windowStartMs = nowMs;
    this.#totals = { requests: 0, limited: 0, errors: 0 };
    return sample;
  }

  #collect(map: BoundedMap<string, Entry>, nowMs: number): ActorCounts[] {
    const suspects: ActorCounts[] = [];
    const idle: string[] = [];
    for (const [key, entry] of map.entries()) {
      if (entry.limited > 0 || entry.errors > 0) {
        suspects.push({ key, requests: entry.requests, limited: entry.limited, errors: entry.errors });
      }
      entry.requests = 0;
      entry.limited = 0;
      entry.errors = 0;
      if (nowMs - entry.lastSeenMs > this.#settings.idleMs) idle.push(key);
    }
    for (const key of idle) map.delete(key);
    return suspects;
  }

  #sourceEntry(source: string, nowMs: number): SourceEntry {
    let entry = this.#sources.get(source);
    if (!entry) {
      entry = { ...emptyEntry(this.#sourceRate, nowMs), prefix: sourcePrefix(source) };
      this.#sources.set(source, entry);
    }
    entry.lastSeenMs = nowMs;
    return entry;
  }

  #prefixEntry(prefix: string, nowMs: number): Entry {
    let entry = this.#prefixes.get(prefix);
    if (!entry) {
      entry = emptyEntry(this.#prefixRate, nowMs);
      this.#prefixes.set(prefix, entry);
    }
    entry.lastSeenMs = nowMs;
    return entry;
  }
}

function emptyEntry(rate: BucketRate, nowMs: number): Entry {
  return { bucket: fullBucket(rate, nowMs), lastSeenMs: nowMs, requests: 0, limited: 0, errors: 0 };
}
