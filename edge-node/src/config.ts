import { isIPv4 } from 'node:net';
import { EDGE_ENV, LAB_ENV } from '../../contracts/env.ts';
import { PORTS } from '../../contracts/ports.ts';
import type { DrainSettings } from './announce/drain-wait.ts';
import type { CacheKeySettings } from './cache/cache-key.ts';
import type { ContentCacheSettings } from './cache/content-cache.ts';
import type { DefenseSettings } from './defense/mitigation.ts';
import type { BucketRate } from './defense/token-bucket.ts';
import { EdgeError } from './errors.ts';
import type { HealthSettings } from './health/health-monitor.ts';
import type { ServiceLimits } from './service/service-limits.ts';
import type { UpstreamClientSettings } from './upstream/http-upstream-client.ts';

export type FrrDriverKind = 'vtysh' | 'memory';

export interface EdgeConfig {
  /** Name in logs, e.g. `tokyo-edge-1`. */
  readonly node: string;
  readonly pop: string;
  readonly server: string;
  readonly serviceAddr: string;
  readonly lanAddr: string;
  readonly mgmtAddr: string;
  readonly asn: number;
  readonly originUrl: URL;
  readonly parentUrls: readonly URL[];
  readonly ports: { readonly http: number; readonly h2c: number; readonly admin: number };
  readonly frrDriver: FrrDriverKind;
  /** `iptables`: blocked sources are also dropped by the kernel (needs NET_ADMIN); `none` by default. */
  readonly kernelFilter: 'iptables' | 'none';
  /** The PoP's other servers, to share blocks with over UDP on the LAN; none: no sharing. */
  readonly peers: { readonly addresses: readonly string[]; readonly key: string; readonly port: number };
  readonly cache: ContentCacheSettings & CacheKeySettings;
  readonly upstream: UpstreamClientSettings;
  readonly health: HealthSettings;
  readonly drain: DrainSettings;
  readonly defense: DefenseSettings;
  /** Reset streams each HTTP/2 session may cause before it is closed as abusive. */
  readonly h2ResetBudget: BucketRate;
  readonly limits: ServiceLimits;
}

/** Everything not tied to one node's identity and addresses. */
export type EdgeTuning = Pick<EdgeConfig, 'cache' | 'upstream' | 'health' | 'drain' | 'defense' | 'h2ResetBudget' | 'limits'>;

const MiB = 1024 * 1024;
const perLevel = (normal: number, elevated: number, severe: number) => [normal, elevated, severe] as const;

export const DEFAULT_TUNING: EdgeTuning = {
  cache: {
    maxBytes: 256 * MiB,
    maxObjectBytes: 16 * MiB,
    staleIfErrorMs: 5 * 60_000,
    ignoredQueryKeys: ['utm_*', 'fbclid', 'gclid'],
  },
  upstream: { timeoutMs: 10_000, maxBodyBytes: 32 * MiB, maxSocketsPerHost: 256 },
  health: {
    intervalMs: 1000,
    rise: 2,
    // A busy shared host delays timers now and then: withdraw only for sustained lag.
    fall: 3,
    maxLagMs: 1000,
    maxErrorRatio: 0.5,
    minResponses: 20,
    errorWindowMs: 10_000,
  },
  drain: { quietMs: 2000, maxMs: 30_000, pollMs: 100 },
  defense: {
    limiter: {
      source: { perSecond: 200, burst: 400 },
      prefix: { perSecond: 2000, burst: 4000 },
      maxSources: 100_000,
      maxPrefixes: 20_000,
      idleMs: 60_000,
    },
    sourceScale: perLevel(1, 0.75, 0.5),
    prefixScale: perLevel(1, 0.5, 0.25),
    sourceBlocks: { capacity: 50_000, baseMs: 30_000, maxMs: 10 * 60_000, memoryMs: 10 * 60_000 },
    prefixBlocks: { capacity: 5_000, baseMs: 30_000, maxMs: 10 * 60_000, memoryMs: 10 * 60_000 },
    detector: {
      rateFactor: 3,
      minAttackRps: 500,
      attackErrorRatio: 0.5,
      attackLimitedRatio: 0.2,
      minRequests: 50,
      baselineAlpha: 0.2,
      severeAfterWindows: 3,
      relaxAfterWindows: 5,
      sourceLimitedPerSecond: perLevel(20, 10, 5),
      sourceErrorsPerSecond: perLevel(50, 25, 10),
      prefixLimitedPerSecond: perLevel(200, 100, 50),
    },
    maxConnectionsPerSource: 256,
    windowMs: 1000,
  },
  h2ResetBudget: { perSecond: 50, burst: 100 },
  limits: {
    headersTimeoutMs: 5000,
    requestTimeoutMs: 15_000,
    keepAliveTimeoutMs: 5000,
    idleTimeoutMs: 30_000,
    maxHeaderBytes: 8192,
    maxHeaderCount: 64,
    maxBodyBytes: MiB,
    h2MaxConcurrentStreams: 100,
    maxConnections: 10_000,
    h2MaxSessionMemoryMb: 10,
  },
};

type Env = Readonly<Record<string, string | undefined>>;

function readPeers(read: EnvReader): EdgeConfig['peers'] {
  const addresses = read.ipv4List(EDGE_ENV.peers);
  return {
    addresses,
    key: addresses.length === 0 ? '' : read.hex(EDGE_ENV.peerKey, 32),
    port: read.int(EDGE_ENV.peerPort, PORTS.edgePeers, 0, 65_535),
  };
}

/** Reads the edge's environment (see docs/edge-service.md); reports every problem at once. */
export function readEdgeConfig(env: Env): EdgeConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const pop = read.name(EDGE_ENV.pop);
  const server = read.name(EDGE_ENV.server);
  const t = DEFAULT_TUNING;
  const sourceRps = read.int(EDGE_ENV.sourceRps, t.defense.limiter.source.perSecond, 1, 1e9);
  const prefixRps = read.int(EDGE_ENV.prefixRps, t.defense.limiter.prefix.perSecond, 1, 1e9);
  const blockMs = read.int(EDGE_ENV.blockSeconds, t.defense.sourceBlocks.baseMs / 1000, 1, 86_400) * 1000;
  const config: EdgeConfig = {
    node: env[LAB_ENV.node] || `${pop}-${server}`,
    pop,
    server,
    serviceAddr: read.ipv4(EDGE_ENV.serviceAddr),
    lanAddr: read.ipv4(EDGE_ENV.lanAddr),
    mgmtAddr: read.ipv4(LAB_ENV.mgmtAddr),
    asn: read.int(EDGE_ENV.serverAsn, undefined, 1, 4_294_967_295),
    originUrl: read.url(EDGE_ENV.originUrl),
    parentUrls: read.urlList(EDGE_ENV.parentUrls),
    ports: {
      http: read.int(EDGE_ENV.httpPort, PORTS.http, 0, 65_535),
      h2c: read.int(EDGE_ENV.h2cPort, PORTS.h2c, 0, 65_535),
      admin: read.int(EDGE_ENV.adminPort, PORTS.edgeAdmin, 0, 65_535),
    },
    frrDriver: read.oneOf(EDGE_ENV.frrDriver, ['vtysh', 'memory'] as const, 'vtysh'),
    kernelFilter: read.oneOf(EDGE_ENV.kernelFilter, ['iptables', 'none'] as const, 'none'),
    peers: readPeers(read),
    cache: { ...t.cache, maxBytes: read.int(EDGE_ENV.cacheMaxBytes, t.cache.maxBytes, 1024, 64 * 1024 * MiB) },
    upstream: t.upstream,
    health: {
      ...t.health,
      intervalMs: read.int(EDGE_ENV.healthIntervalMs, t.health.intervalMs, 50, 60_000),
      rise: read.int(EDGE_ENV.healthRise, t.health.rise, 1, 100),
      fall: read.int(EDGE_ENV.healthFall, t.health.fall, 1, 100),
      maxLagMs: read.int(EDGE_ENV.healthMaxLagMs, t.health.maxLagMs, 1, 60_000),
    },
    drain: {
      ...t.drain,
      quietMs: read.int(EDGE_ENV.drainQuietMs, t.drain.quietMs, 0, 600_000),
      maxMs: read.int(EDGE_ENV.drainMaxMs, t.drain.maxMs, 0, 3_600_000),
    },
    defense: {
      ...t.defense,
      limiter: {
        ...t.defense.limiter,
        source: { perSecond: sourceRps, burst: read.int(EDGE_ENV.sourceBurst, sourceRps * 2, 1, 1e9) },
        prefix: { perSecond: prefixRps, burst: read.int(EDGE_ENV.prefixBurst, prefixRps * 2, 1, 1e9) },
      },
      sourceBlocks: { ...t.defense.sourceBlocks, baseMs: blockMs },
      prefixBlocks: { ...t.defense.prefixBlocks, baseMs: blockMs },
      windowMs: read.int(EDGE_ENV.detectIntervalMs, t.defense.windowMs, 50, 60_000),
    },
    h2ResetBudget: t.h2ResetBudget,
    limits: t.limits,
  };
  if (problems.length > 0) {
    throw new EdgeError('CONFIG_INVALID', `edge configuration invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return config;
}

class EnvReader {
  readonly #env: Env;
  readonly #problems: string[];

  constructor(env: Env, problems: string[]) {
    this.#env = env;
    this.#problems = problems;
  }

  name(key: string): string {
    const value = this.#required(key);
    if (value !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(value)) {
      this.#problems.push(`${key} must be lower-case letters, digits and dashes, got "${value}"`);
    }
    return value ?? '';
  }

  ipv4(key: string): string {
    const value = this.#required(key);
    if (value !== undefined && !isIPv4(value)) this.#problems.push(`${key} must be an IPv4 address, got "${value}"`);
    return value ?? '';
  }

  ipv4List(key: string): string[] {
    const parts = (this.#env[key] ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '');
    for (const part of parts) if (!isIPv4(part)) this.#problems.push(`${key} must be IPv4 addresses separated by commas, got "${part}"`);
    return parts;
  }

  /** At least `minLength` hex digits. */
  hex(key: string, minLength: number): string {
    const value = this.#required(key);
    if (value !== undefined && !new RegExp(`^[0-9a-f]{${minLength},}$`).test(value)) {
      this.#problems.push(`${key} must be at least ${minLength} lower-case hex digits`);
    }
    return value ?? '';
  }

  int(key: string, fallback: number | undefined, min: number, max: number): number {
    const raw = this.#env[key];
    if (raw === undefined || raw === '') {
      if (fallback === undefined) this.#problems.push(`${key} is required`);
      return fallback ?? 0;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.#problems.push(`${key} must be an integer from ${min} to ${max}, got "${raw}"`);
    }
    return value;
  }

  url(key: string): URL {
    return this.#parseUrl(key, this.#required(key)) ?? new URL('http://invalid.invalid');
  }

  urlList(key: string): URL[] {
    const raw = this.#env[key] ?? '';
    return raw
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .flatMap((part) => this.#parseUrl(key, part) ?? []);
  }

  oneOf<const T extends readonly string[]>(key: string, allowed: T, fallback: T[number]): T[number] {
    const raw = this.#env[key];
    if (raw === undefined || raw === '') return fallback;
    if (!allowed.includes(raw)) this.#problems.push(`${key} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return raw as T[number];
  }

  #required(key: string): string | undefined {
    const value = this.#env[key];
    if (value === undefined || value === '') {
      this.#problems.push(`${key} is required`);
      return undefined;
    }
    return value;
  }

  #parseUrl(key: string, raw: string | undefined): URL | undefined {
    if (raw === undefined) return undefined;
    const url = URL.canParse(raw) ? new URL(raw) : undefined;
    if (!url || url.protocol !== 'http:' || (url.pathname !== '/' && url.pathname !== '')) {
      this.#problems.push(`${key}: "${raw}" must be an http:// URL with no path, e.g. http://198.18.0.10:80`);
      return undefined;
    }
    return url;
  }
}
