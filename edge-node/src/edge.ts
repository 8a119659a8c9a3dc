import type { Http2Session } from 'node:http2';
import type { EdgeControl } from './admin/admin-app.ts';
import { createAdminApp } from './admin/admin-app.ts';
import { AnnouncementController, type DrainResult } from './announce/announcement.ts';
import type { FrrDriver } from './announce/frr-driver.ts';
import { createCacheKeyer } from './cache/cache-key.ts';
import { ContentCache } from './cache/content-cache.ts';
import { monotonicNow, realSleep, type NowMs } from './clock.ts';
import type { EdgeConfig } from './config.ts';
import type { KernelFilter } from './defense/kernel-filter.ts';
import { KernelFilterSync } from './defense/kernel-filter-sync.ts';
import { Mitigation, type TickReport } from './defense/mitigation.ts';
import { PeerBlockSharing, type SharedBlock } from './defense/peer-blocks.ts';
import { noPeerChannel, openPeerChannel, type PeerChannel } from './defense/peer-channel.ts';
import type { Block } from './defense/block-list.ts';
import { ErrorWindow } from './health/error-window.ts';
import { EventLoopLag } from './health/event-loop-lag.ts';
import { HealthMonitor } from './health/health-monitor.ts';
import { checkUpstream } from './health/upstream-check.ts';
import { describeError, type Logger } from './log.ts';
import { EdgeMetrics } from './metrics/edge-metrics.ts';
import { repeatEvery } from './repeat.ts';
import { ConnectionBudget, gateConnections } from './service/connection-gate.ts';
import { guardAgainstRapidReset } from './service/h2-reset-guard.ts';
import { answerFromCache } from './service/hit-path.ts';
import type { AnyRequest, AnyResponse } from './service/request-gate.ts';
import { createH2cServiceApp, createHttp1ServiceApp } from './service/service-app.ts';
import { listenForSockets, type SocketListener } from './service/socket-listener.ts';
import { TrafficTracker } from './service/traffic.ts';
import { HttpUpstreamClient } from './upstream/http-upstream-client.ts';
import { TieredFetcher } from './upstream/tiered-fetcher.ts';
import { probeUpstreams } from './upstream/upstream-probe.ts';

export interface EdgeDeps {
  readonly frr: FrrDriver;
  readonly logger: Logger;
  readonly now?: NowMs;
  /** Where blocked sources are mirrored into the kernel; none by default. */
  readonly kernelFilter?: KernelFilter;
}

export interface RunningEdge {
  readonly http: readonly SocketListener[];
  readonly h2c: readonly SocketListener[];
  readonly admin: { readonly host: string; readonly port: number };
  readonly control: EdgeControl;
  /** Graceful stop: drain (GSHUT, wait for traffic to move, withdraw), then close everything. */
  shutdown(reason: string): Promise<DrainResult>;
  /** Fatal stop: withdraw at once, outside the queue of announcement actions. */
  withdrawNow(reason: string): Promise<void>;
}

/** How long a shutdown waits for requests still in flight after the drain. */
const CLOSE_GRACE_MS = 5000;

/** What every step of the wiring shares: settings, clock, log, metrics and the request-path state. */
interface EdgeCore {
  readonly config: EdgeConfig;
  readonly logger: Logger;
  readonly now: NowMs;
  readonly servedBy: string;
  readonly metrics: EdgeMetrics;
  readonly mitigation: Mitigation;
  readonly traffic: TrafficTracker;
  readonly errors: ErrorWindow;
  /** The block list mirrored into the kernel, with bounded retries, and the chain's counters. */
  readonly kernel: KernelFilterSync;
  readonly syncKernelFilter: () => void;
  /** Blocks shared with the PoP's other servers (counts, and what is judged on receipt). */
  readonly sharing: PeerBlockSharing;
  /** Sends blocks learned here to the PoP's other servers (set once the channel is open). */
  shareBlocks: (blocks: readonly Block[], scope: SharedBlock['scope']) => void;
}

interface Upstream {
  readonly client: HttpUpstreamClient;
  /** Health probes: a shorter timeout, so a probe never outlasts a health interval. */
  readonly probeClient: HttpUpstreamClient;
  readonly cache: ContentCache;
  readonly lastOkMs: () => number;
}

interface Services {
  readonly http1: Awaited<ReturnType<typeof createHttp1ServiceApp>>;
  readonly h2c: Awaited<ReturnType<typeof createH2cServiceApp>>;
  readonly sessions: ReadonlySet<Http2Session>;
  readonly http: readonly SocketListener[];
  readonly h2: readonly SocketListener[];
}

/** Wires one edge server together and starts it; it announces once listening and healthy. */
export async function startEdge(config: EdgeConfig, deps: EdgeDeps): Promise<RunningEdge> {
  const core = createCore(config, deps);
  const peers = await openPeers(core);
  const upstream = createUpstream(core);
  const announcement = await startAnnouncement(core, deps.frr);
  const health = new HealthMonitor(config.health);
  const lag = new EventLoopLag(10);
  const services = await startServices(core, upstream.cache);
  const control = edgeControl(core, health, announcement, deps.frr);
  const admin = await createAdminApp(control);
  await admin.listen({ host: config.mgmtAddr, port: config.ports.admin });
  const adminAddress = admin.server.address();
  const adminPort = typeof adminAddress === 'object' && adminAddress !== null ? adminAddress.port : config.ports.admin;

  const onLoopError = (loop: string) => (error: unknown) => core.logger.log('error', 'loop-error', { loop, error: describeError(error) });
  const healthLoop = repeatEvery(config.health.intervalMs, healthTick(core, health, lag, upstream, announcement), onLoopError('health'));
  const mitigationLoop = repeatEvery(config.defense.windowMs, mitigationTick(core), onLoopError('mitigation'));
  logListening(core, services, adminPort);

  let closing: Promise<DrainResult> | undefined;
  const shutdown = (reason: string): Promise<DrainResult> =>
    (closing ??= (async () => {
      healthLoop.stop();
      const result = await announcement.shutdown(reason);
      core.logger.log('info', 'drain-finished', { reason, ...result });
      await closeServices(core, services);
      await admin.close();
      mitigationLoop.stop();
      await peers.close();
      core.kernel.close();
      lag.stop();
      upstream.client.close();
      upstream.probeClient.close();
      return result;
    })());

  return {
    http: services.http,
    h2c: services.h2,
    admin: { host: config.mgmtAddr, port: adminPort },
    control,
    shutdown,
    withdrawNow: (reason) => announcement.withdrawNow(reason),
  };
}

function createCore(config: EdgeConfig, deps: EdgeDeps): EdgeCore {
  const now = deps.now ?? monotonicNow;
  const { logger } = deps;
  const metrics = new EdgeMetrics({ pop: config.pop, server: config.server });
  const mitigation = new Mitigation(config.defense, now());
  const traffic = new TrafficTracker();
  metrics.observeInFlight(() => traffic.inFlight());
  const kernel = new KernelFilterSync({
    filter: deps.kernelFilter,
    now,
    sleep: realSleep,
    events: {
      onRetry: (failures, delayMs, error) => logger.log('warn', 'kernel-filter-retry', { failures, delayMs, reason: describeError(error) }),
      onGiveUp: (failures, error) => logger.log('error', 'kernel-filter-off', { failures, reason: describeError(error) }),
      onRecovered: (failures) => logger.log('info', 'kernel-filter-on', { after: failures }),
    },
  });
  metrics.observeKernelFilter(() => kernel.view(0));
  const syncKernelFilter = (): void => kernel.request(mitigation.blockedKeys());
  return {
    config,
    logger,
    now,
    servedBy: `${config.pop}/${config.server}`,
    metrics,
    mitigation,
    traffic,
    errors: new ErrorWindow(config.health.errorWindowMs, 10, now()),
    kernel,
    syncKernelFilter,
    sharing: new PeerBlockSharing({ self: config.lanAddr, peers: config.peers.addresses, key: config.peers.key }, Date.now()),
    shareBlocks: () => undefined,
  };
}

/** The PoP-local channel: blocks learned here go to the other servers, theirs come in here. */
async function openPeers(core: EdgeCore): Promise<PeerChannel> {
  const { config, logger, mitigation, sharing, now } = core;
  if (sharing.peers.length === 0) return noPeerChannel;
  const channel = await openPeerChannel(sharing, { host: config.lanAddr, port: config.peers.port }, {
    onMessage(message, latencyMs) {
      const adopted = mitigation.adoptBlocks(message.blocks, now());
      sharing.countImported(adopted.length);
      if (adopted.length > 0) core.syncKernelFilter();
      logger.log('info', 'peer-blocks', { from: message.from, blocks: message.blocks.length, adopted: adopted.length, latencyMs });
    },
    onSendError: (error) => logger.log('warn', 'peer-send-error', { error: describeError(error) }),
  });
  core.shareBlocks = (blocks, scope) => {
    const nowMs = now();
    channel.share(blocks.map((b) => ({ key: b.key, scope, reason: b.reason, ttlMs: Math.max(1, Math.round(b.untilMs - nowMs)) })));
  };
  return channel;
}

/** The cache in front of the tiered fetcher (parents, then the origin), and the health probes' client. */
function createUpstream({ config, metrics, now, servedBy }: EdgeCore): Upstream {
  let lastOkMs = -Infinity;
  const client = new HttpUpstreamClient(config.upstream);
  const probeClient = new HttpUpstreamClient({
    ...config.upstream,
    timeoutMs: Math.min(config.upstream.timeoutMs, Math.max(200, config.health.intervalMs)),
  });
  const fetcher = new TieredFetcher(client, config.originUrl, config.parentUrls, servedBy, {
    onFetch(tier, outcome) {
      metrics.countUpstreamFetch(tier, outcome);
      if (outcome === 'ok') lastOkMs = now();
    },
  });
  const cache = new ContentCache(config.cache, fetcher, now, {
    onEvict: (count) => metrics.countEvictions(count),
    onSizeChange: (bytes, objects) => metrics.setCacheSize(bytes, objects),
  });
  return { client, probeClient, cache, lastOkMs: () => lastOkMs };
}

/** The /32 announcement through FRR, every change counted and logged. */
async function startAnnouncement({ config, metrics, logger, traffic, now }: EdgeCore, frr: FrrDriver): Promise<AnnouncementController> {
  const prefix = `${config.serviceAddr}/32`;
  const announcement = new AnnouncementController({
    driver: frr,
    traffic,
    drain: config.drain,
    now,
    wallNow: Date.now,
    sleep: realSleep,
    events: {
      onChange(change) {
        metrics.countAnnouncementChange(change.to, change.cause);
        logger.log('info', 'announcement', { prefix, ...change });
      },
      onError(action, error) {
        metrics.countFrrError(action);
        logger.log('error', 'frr-error', { prefix, action, error: describeError(error) });
      },
    },
  });
  await announcement.start();
  return announcement;
}

/** One health round: event-loop lag, the error ratio and the upstream decide; the announcement follows. */
function healthTick(core: EdgeCore, health: HealthMonitor, lag: EventLoopLag, upstream: Upstream, announcement: AnnouncementController): () => Promise<void> {
  const { config, metrics, logger, errors, now } = core;
  return async () => {
    const lagMs = lag.takeP99Ms();
    const totals = errors.totals(now());
    const upstreamOk = await checkUpstream({
      cachedObjects: () => upstream.cache.objects,
      lastUpstreamOkMs: upstream.lastOkMs,
      now,
      recentMs: 2 * config.health.intervalMs,
      probe: () => probeUpstreams(upstream.probeClient, config.originUrl, config.parentUrls),
    });
    const wasHealthy = health.healthy;
    const report = health.observe({ lagP99Ms: lagMs, responses: totals.responses, serverErrors: totals.errors, upstream: upstreamOk });
    metrics.setHealthy(report.healthy);
    metrics.setEventLoopLag(lagMs / 1000);
    if (report.healthy !== wasHealthy) {
      logger.log(report.healthy ? 'info' : 'warn', 'health', { healthy: report.healthy, reason: report.reason });
    }
    // Not awaited: a drain in progress holds the announcement queue, and health keeps ticking.
    void announcement.setHealth(report.healthy, report.reason);
  };
}

/** One mitigation window: level, new and expired blocks, mirrored to metrics, log and kernel. */
function mitigationTick(core: EdgeCore): () => void {
  const { mitigation, metrics, logger, now, kernel, syncKernelFilter } = core;
  return () => {
    // Not awaited: a slow iptables must not hold the window; the reading shows its age.
    void kernel.refreshCounters();
    const report = mitigation.tick(now());
    const blocked = mitigation.blockedCounts;
    metrics.setMitigationState(report.level, blocked.sources, blocked.prefixes);
    metrics.countBlocksAdded('source', report.addedSources.length);
    metrics.countBlocksAdded('prefix', report.addedPrefixes.length);
    logMitigation(logger, report);
    if (report.addedSources.length + report.addedPrefixes.length + report.expired.length > 0) syncKernelFilter();
    if (report.addedSources.length > 0) core.shareBlocks(report.addedSources, 'source');
    if (report.addedPrefixes.length > 0) core.shareBlocks(report.addedPrefixes, 'prefix');
  };
}

/** HTTP/1.1 and h2c on the service and LAN addresses, every connection through the connection gate. */
async function startServices(core: EdgeCore, cache: ContentCache): Promise<Services> {
  const { config, mitigation, metrics, logger, traffic, errors, now, servedBy } = core;
  const cacheKey = createCacheKeyer(config.cache);
  const serveHit = (req: AnyRequest, res: AnyResponse) => answerFromCache(req, res, cache, cacheKey);
  const gate = { servedBy, mitigation, metrics, traffic, errors, now, serveHit };
  const serviceDeps = { pop: config.pop, server: config.server, cache, cacheKey, limits: config.limits, gate };
  const http1 = await createHttp1ServiceApp(serviceDeps);
  const h2c = await createH2cServiceApp(serviceDeps);
  const sessions = new Set<Http2Session>();
  h2c.server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  guardAgainstRapidReset(h2c.server, config.h2ResetBudget, now, (source) => {
    metrics.countMitigation('h2-session-closed');
    const block = mitigation.reportAbuse(source, 'HTTP/2 rapid reset', now());
    logger.log('warn', 'mitigation-blocks', { sources: 1, examples: [{ key: block.key, reason: block.reason }] });
    core.syncKernelFilter();
    core.shareBlocks([block], 'source');
  });

  const connectionGate = { mitigation, metrics, now, budget: new ConnectionBudget(config.limits.maxConnections) };
  const http: SocketListener[] = [];
  const h2: SocketListener[] = [];
  for (const host of new Set([config.serviceAddr, config.lanAddr])) {
    http.push(await listenForSockets(host, config.ports.http, gateConnections(connectionGate, http1.accept)));
    h2.push(await listenForSockets(host, config.ports.h2c, gateConnections(connectionGate, h2c.accept)));
  }
  return { http1, h2c, sessions, http, h2 };
}

/** Stops listening, lets requests in flight finish (up to CLOSE_GRACE_MS), then closes what is left. */
async function closeServices({ now, traffic }: EdgeCore, { http1, h2c, sessions, http, h2 }: Services): Promise<void> {
  await Promise.all([...http, ...h2].map((l) => l.close()));
  // Closes idle kept-alive connections; the callback only reports that it never listened.
  http1.server.close(() => undefined);
  const deadline = now() + CLOSE_GRACE_MS;
  while (traffic.inFlight() > 0 && now() < deadline) await realSleep(50);
  http1.server.closeAllConnections();
  for (const session of sessions) session.destroy();
  await Promise.all([http1.app.close(), h2c.app.close()]);
}

/** What the admin API can see and do. */
function edgeControl({ metrics, logger, mitigation, kernel, sharing, now }: EdgeCore, health: HealthMonitor, announcement: AnnouncementController, frr: FrrDriver): EdgeControl {
  return {
    health: () => health.report(),
    async forceUnhealthy(unhealthy, reason) {
      const report = health.setForcedUnhealthy(unhealthy, reason);
      metrics.setHealthy(report.healthy);
      logger.log('warn', 'health', { healthy: report.healthy, forced: unhealthy, reason: report.reason });
      await announcement.setHealth(report.healthy, unhealthy ? report.reason : `operator cleared (${reason}); ${report.reason}`);
      return health.report();
    },
    drain(reason) {
      void announcement.drain(reason).then((result) => logger.log('info', 'drain-finished', { reason, ...result }));
    },
    undrain: (reason) => announcement.undrain(reason),
    announcement: () => announcement.status(),
    bgpRoute: () => frr.readState(),
    mitigation: () => ({ ...mitigation.snapshot(now(), 1000), kernel: kernel.view(1000), sharing: sharing.view() }),
    metrics: async () => ({ contentType: metrics.registry.contentType, text: await metrics.registry.metrics() }),
  };
}

function logListening({ config, logger, servedBy }: EdgeCore, { http, h2 }: Services, adminPort: number): void {
  logger.log('info', 'listening', {
    servedBy,
    http: http.map((l) => `${l.host}:${l.port}`),
    h2c: h2.map((l) => `${l.host}:${l.port}`),
    admin: `${config.mgmtAddr}:${adminPort}`,
    origin: config.originUrl.origin,
    parents: config.parentUrls.map((u) => u.origin),
  });
}

function logMitigation(logger: Logger, report: TickReport): void {
  if (report.level !== report.levelBefore) {
    logger.log('warn', 'mitigation-level', { from: report.levelBefore, to: report.level, anomaly: report.anomaly ?? null });
  }
  const added = [...report.addedSources, ...report.addedPrefixes];
  if (added.length > 0) {
    logger.log('warn', 'mitigation-blocks', {
      sources: report.addedSources.length,
      prefixes: report.addedPrefixes.length,
      examples: added.slice(0, 5).map((b) => ({ key: b.key, reason: b.reason, seconds: Math.round((b.untilMs - b.sinceMs) / 1000) })),
    });
  }
  if (report.expired.length > 0) logger.log('info', 'mitigation-unblocked', { count: report.expired.length });
}
