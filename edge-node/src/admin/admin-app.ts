import { fastify, type FastifyError, type FastifyInstance } from 'fastify';
import { EDGE_ADMIN_PATHS, type AnnouncementView } from '../../../contracts/edge-admin.ts';
import type { AnnouncementStatus } from '../announce/announcement.ts';
import type { BgpRouteState } from '../announce/frr-driver.ts';
import type { MitigationSnapshot } from '../defense/mitigation.ts';
import { isEdgeError } from '../errors.ts';
import type { HealthReport } from '../health/health-monitor.ts';
import { describeError } from '../log.ts';
import { parseForceBody, parseReasonBody } from './admin-input.ts';
import { FrrReadLimit, type FrrReadLimits } from './frr-read-limit.ts';

/** What the admin API can see and do; the edge implements it. */
export interface EdgeControl {
  health(): HealthReport;
  forceUnhealthy(unhealthy: boolean, reason: string): Promise<HealthReport>;
  /** Starts a drain and returns at once; `announcement()` shows its progress. */
  drain(reason: string): void;
  undrain(reason: string): Promise<void>;
  announcement(): AnnouncementStatus;
  bgpRoute(): Promise<BgpRouteState>;
  mitigation(): MitigationSnapshot;
  metrics(): Promise<{ readonly contentType: string; readonly text: string }>;
}

export interface AdminAppOptions {
  /** How many FRR reads run at once and wait (default ADMIN_FRR_READ_LIMITS). */
  readonly frrReads?: FrrReadLimits;
}

/** The admin API: bound to the management address only, never to the service addresses. */
export async function createAdminApp(control: EdgeControl, options: AdminAppOptions = {}): Promise<FastifyInstance> {
  const app = fastify({ logger: false });
  const frrReads = new FrrReadLimit(options.frrReads);

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (isEdgeError(error, 'ADMIN_BUSY')) {
      void reply.code(503).header('retry-after', '1').send({ error: error.code, message: error.message });
    } else if (isEdgeError(error, 'INPUT_INVALID')) {
      void reply.code(400).send({ error: error.code, message: error.message });
    } else if (error.statusCode !== undefined && error.statusCode < 500) {
      void reply.code(error.statusCode).send({ error: 'INPUT_INVALID', message: error.message });
    } else {
      void reply.code(500).send({ error: 'INTERNAL', message: describeError(error) });
    }
  });

  const healthView = (report: HealthReport) => ({ ...report, announcement: control.announcement().state });
  const announcementView = (status: AnnouncementStatus): AnnouncementView => {
    const { sinceMs, ...rest } = status;
    return { ...rest, since: new Date(sinceMs).toISOString() };
  };

  app.get(EDGE_ADMIN_PATHS.health, async (_request, reply) => {
    const report = control.health();
    return reply.code(report.healthy ? 200 : 503).send(healthView(report));
  });

  app.post(EDGE_ADMIN_PATHS.healthForce, async (request) => {
    const { unhealthy, reason } = parseForceBody(request.body);
    return healthView(await control.forceUnhealthy(unhealthy, reason));
  });

  app.post(EDGE_ADMIN_PATHS.drain, async (request, reply) => {
    const { reason } = parseReasonBody(request.body, 'operator drain');
    control.drain(reason);
    return reply.code(202).send(announcementView(control.announcement()));
  });

  app.post(EDGE_ADMIN_PATHS.undrain, async (request) => {
    const { reason } = parseReasonBody(request.body, 'operator undrain');
    await control.undrain(reason);
    return announcementView(control.announcement());
  });

  app.get(EDGE_ADMIN_PATHS.announcement, async () => {
    // Refused with ADMIN_BUSY (503) when too many reads wait; a failed read is shown in the answer.
    const route = await frrReads.run(() => control.bgpRoute().catch((error: unknown) => ({ error: describeError(error) })));
    return { ...announcementView(control.announcement()), route };
  });

  app.get(EDGE_ADMIN_PATHS.mitigation, async () => control.mitigation());

  app.get(EDGE_ADMIN_PATHS.metrics, async (_request, reply) => {
    const { contentType, text } = await control.metrics();
    return reply.type(contentType).send(text);
  });

  await app.ready();
  return app;
}
