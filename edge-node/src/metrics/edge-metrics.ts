import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { KERNEL_FILTER_STATES, type AnnouncementState, type KernelFilterView } from '../../../contracts/edge-admin.ts';
import type { ChangeCause } from '../announce/announcement.ts';
import type { CacheResult } from '../cache/content-cache.ts';
import type { MitigationLevel } from '../defense/attack-detector.ts';
import type { Tier } from '../upstream/tiered-fetcher.ts';

/** `NONE`: answered without the cache (probes, rejections, errors before a cache decision). */
export type RequestCacheLabel = CacheResult | 'NONE';

export type MitigationAction =
  | 'blocked'
  | 'rate-limited-source'
  | 'rate-limited-prefix'
  | 'connection-limited'
  | 'connection-capped'
  | 'h2-session-closed';

const ANNOUNCEMENT_STATES: readonly AnnouncementState[] = ['announced', 'withdrawn', 'draining'];

/**
 * Every metric of one edge process in its own registry, labelled `{pop, server}` by default.
 * Label values come from small fixed sets: never a client address. Hot-path children are
 * looked up once and kept.
 */
export class EdgeMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'status' | 'cache'>;
  readonly #requestChildren = new Map<string, Counter.Internal>();
  readonly #duration: Histogram<'cache'>;
  readonly #durationChildren = new Map<string, Histogram.Internal<'cache'>>();
  readonly #inFlight: Gauge;
  #readInFlight: () => number = () => 0;
  readonly #upstreamFetches: Counter<'tier' | 'outcome'>;
  readonly #cacheBytes: Gauge;
  readonly #cacheObjects: Gauge;
  readonly #cacheEvictions: Counter;
  readonly #announcementState: Gauge<'state'>;
  readonly #announcementChanges: Counter<'to' | 'cause'>;
  readonly #frrErrors: Counter<'action'>;
  readonly #healthy: Gauge;
  readonly #eventLoopLag: Gauge;
  readonly #mitigationActions: Counter<'action'>;
  readonly #mitigationChildren = new Map<MitigationAction, Counter.Internal>();
  readonly #blocksAdded: Counter<'scope'>;
  readonly #blocked: Gauge<'scope'>;
  readonly #mitigationLevel: Gauge;
  #readKernel: (() => KernelFilterView) | undefined;

  constructor(labels: { readonly pop: string; readonly server: string }) {
    this.registry.setDefaultLabels(labels);
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.#requests = new Counter({
      name: 'edge_requests_total',
      help: 'Requests answered on the service ports, by status code and cache result.',
      labelNames: ['status', 'cache'],
      registers,
    });
    this.#duration = new Histogram({
      name: 'edge_request_duration_seconds',
      help: 'Time from request to response end, by cache result.',
      labelNames: ['cache'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    const readInFlight = () => this.#readInFlight();
    this.#inFlight = new Gauge({
      name: 'edge_requests_in_flight',
      help: 'Requests being served now.',
      registers,
      collect() {
        this.set(readInFlight());
      },
    });
    this.#upstreamFetches = new Counter({
      name: 'edge_upstream_fetches_total',
      help: 'Fetches from the parent tier or the origin; outcome error means a 5xx or no response.',
      labelNames: ['tier', 'outcome'],
      registers,
    });
    this.#cacheBytes = new Gauge({ name: 'edge_cache_bytes', help: 'Bytes held by the cache.', registers });
    this.#cacheObjects = new Gauge({ name: 'edge_cache_objects', help: 'Objects held by the cache.', registers });
    this.#cacheEvictions = new Counter({
      name: 'edge_cache_evictions_total',
      help: 'Objects evicted to keep the cache within its size bound.',
      registers,
    });
    this.#announcementState = new Gauge({
      name: 'edge_announcement_state',
      help: 'State of the service /32 announcement: 1 for the current state.',
      labelNames: ['state'],
      registers,
    });
    this.#announcementChanges = new Counter({
      name: 'edge_announcement_changes_total',
      help: 'Announcement changes, by new state and cause.',
      labelNames: ['to', 'cause'],
      registers,
    });
    this.#frrErrors = new Counter({
      name: 'edge_frr_errors_total',
      help: 'FRR (vtysh) actions that failed; they are retried.',
      labelNames: ['action'],
      registers,
    });
    this.#healthy = new Gauge({ name: 'edge_healthy', help: '1 when the health verdict is healthy.', registers });
    this.#eventLoopLag = new Gauge({
      name: 'edge_event_loop_lag_seconds',
      help: 'p99 event-loop delay over the last health interval.',
      registers,
    });
    this.#mitigationActions = new Counter({
      name: 'edge_mitigation_actions_total',
      help: 'Requests or connections refused by the local DDoS defense, by action.',
      labelNames: ['action'],
      registers,
    });
    this.#blocksAdded = new Counter({
      name: 'edge_mitigation_blocks_added_total',
      help: 'Temporary blocks put in place, by scope (source address or prefix).',
      labelNames: ['scope'],
      registers,
    });
    this.#blocked = new Gauge({
      name: 'edge_mitigation_blocked',
      help: 'Sources or prefixes blocked right now.',
      labelNames: ['scope'],
      registers,
    });
    this.#mitigationLevel = new Gauge({
      name: 'edge_mitigation_level',
      help: 'Defense level: 0 normal, 1 elevated, 2 severe.',
      registers,
    });
    this.#registerKernelFilter(registers);
    this.setAnnouncementState('withdrawn');
    this.#healthy.set(0);
  }

  countRequest(status: number, cache: RequestCacheLabel): void {
    const key = `${status}|${cache}`;
    let child = this.#requestChildren.get(key);
    if (!child) {
      child = this.#requests.labels({ status: String(status), cache });
      this.#requestChildren.set(key, child);
    }
    child.inc();
  }

  observeDuration(cache: RequestCacheLabel, seconds: number): void {
    let child = this.#durationChildren.get(cache);
    if (!child) {
      child = this.#duration.labels({ cache });
      this.#durationChildren.set(cache, child);
    }
    child.observe(seconds);
  }

  countUpstreamFetch(tier: Tier, outcome: 'ok' | 'error'): void {
    this.#upstreamFetches.inc({ tier, outcome });
  }

  setCacheSize(bytes: number, objects: number): void {
    this.#cacheBytes.set(bytes);
    this.#cacheObjects.set(objects);
  }

  countEvictions(count: number): void {
    this.#cacheEvictions.inc(count);
  }

  setAnnouncementState(state: AnnouncementState): void {
    for (const s of ANNOUNCEMENT_STATES) this.#announcementState.set({ state: s }, s === state ? 1 : 0);
  }

  countAnnouncementChange(to: AnnouncementState, cause: ChangeCause): void {
    this.#announcementChanges.inc({ to, cause });
    this.setAnnouncementState(to);
  }

  countFrrError(action: string): void {
    this.#frrErrors.inc({ action });
  }

  /** In-flight requests are read at scrape time rather than counted up and down per request. */
  observeInFlight(read: () => number): void {
    this.#readInFlight = read;
  }

  setHealthy(healthy: boolean): void {
    this.#healthy.set(healthy ? 1 : 0);
  }

  setEventLoopLag(seconds: number): void {
    this.#eventLoopLag.set(seconds);
  }

  countMitigation(action: MitigationAction): void {
    let child = this.#mitigationChildren.get(action);
    if (!child) {
      child = this.#mitigationActions.labels({ action });
      this.#mitigationChildren.set(action, child);
    }
    child.inc();
  }

  countBlocksAdded(scope: 'source' | 'prefix', count: number): void {
    if (count > 0) this.#blocksAdded.inc({ scope }, count);
  }

  /** The kernel filter's counters and state are read at scrape time from its view. */
  observeKernelFilter(read: () => KernelFilterView): void {
    this.#readKernel = read;
  }

  #registerKernelFilter(registers: Registry[]): void {
    const read = () => this.#readKernel?.();
    // Counters that follow a total kept elsewhere: each scrape adds what it grew by.
    const following = (name: string, help: string, pick: (view: KernelFilterView) => number) => {
      let seen = 0;
      return new Counter({
        name,
        help,
        registers,
        collect() {
          const view = read();
          if (!view) return;
          const value = pick(view);
          if (value > seen) this.inc(value - seen);
          seen = Math.max(seen, value);
        },
      });
    };
    following('edge_kernel_dropped_packets_total', 'Packets the kernel filter (iptables chain EDGE-BLOCK) dropped.', (v) => v.dropped.packets);
    following('edge_kernel_dropped_bytes_total', 'Bytes the kernel filter (iptables chain EDGE-BLOCK) dropped.', (v) => v.dropped.bytes);
    new Gauge({
      name: 'edge_kernel_filter_rules',
      help: 'DROP rules in the EDGE-BLOCK chain now.',
      registers,
      collect() {
        this.set(read()?.ruleCount ?? 0);
      },
    });
    new Gauge({
      name: 'edge_kernel_filter_state',
      help: 'State of the kernel filter (off, on, retrying, failed): 1 for the current state.',
      labelNames: ['state'],
      registers,
      collect() {
        const state = read()?.state ?? 'off';
        for (const s of KERNEL_FILTER_STATES) this.set({ state: s }, s === state ? 1 : 0);
      },
    });
  }

  setMitigationState(level: MitigationLevel, blockedSources: number, blockedPrefixes: number): void {
    this.#mitigationLevel.set(level);
    this.#blocked.set({ scope: 'source' }, blockedSources);
    this.#blocked.set({ scope: 'prefix' }, blockedPrefixes);
  }
}
