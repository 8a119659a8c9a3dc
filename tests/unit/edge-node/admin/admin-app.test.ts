import test from 'ava';
import { createAdminApp, type EdgeControl } from '../../../../edge-node/src/admin/admin-app.ts';
import type { AnnouncementStatus } from '../../../../edge-node/src/announce/announcement.ts';
import type { HealthReport } from '../../../../edge-node/src/health/health-monitor.ts';

function fakeControl() {
  const calls: string[] = [];
  let health: HealthReport = { healthy: true, forcedUnhealthy: false, reason: 'checks passed', checks: [] };
  const status: AnnouncementStatus = {
    state: 'announced',
    mode: 'serving',
    reason: 'checks passed',
    sinceMs: Date.UTC(2026, 0, 1),
    changes: 1,
    lastError: null,
  };
  const control: EdgeControl = {
    health: () => health,
    async forceUnhealthy(unhealthy, reason) {
      calls.push(`force ${unhealthy} ${reason}`);
      health = { ...health, healthy: !unhealthy, forcedUnhealthy: unhealthy, reason: `operator: ${reason}` };
      return health;
    },
    drain: (reason) => calls.push(`drain ${reason}`),
    undrain: async (reason) => {
      calls.push(`undrain ${reason}`);
    },
    announcement: () => status,
    bgpRoute: async () => ({ originated: true, valid: true, gshut: false }),
    mitigation: () => ({
      level: 0,
      levelName: 'normal',
      anomaly: null,
      limits: { source: { perSecond: 1, burst: 1 }, prefix: { perSecond: 1, burst: 1 }, connectionsPerSource: 1 },
      blockedSources: 0,
      blockedPrefixes: 0,
      blocked: { sources: [], prefixes: [] },
      requests: { served: 0, blocked: 0, limited: 0, connectionsBlocked: 0, connectionsLimited: 0 },
      kernel: { state: 'off', dropped: { packets: 0, bytes: 0 }, ruleCount: 0, rules: [], failures: 0, lastError: null, nextAttemptInMs: null, countersAgeMs: null },
      sharing: { peers: 0, sent: 0, received: 0, imported: 0, rejected: { 'unknown-peer': 0, 'over-rate': 0, 'too-large': 0, malformed: 0, 'bad-mac': 0, stale: 0, replayed: 0 }, lastLatencyMs: null },
    }),
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', text: 'edge_healthy 1\n' }),
  };
  return { control, calls };
}

const json = { 'content-type': 'application/json' };

test('GET /health answers 200 when healthy, 503 when not', async (t) => {
  const { control } = fakeControl();
  const app = await createAdminApp(control);
  const ok = await app.inject({ method: 'GET', url: '/health' });
  t.is(ok.statusCode, 200);
  t.like(ok.json(), { healthy: true, announcement: 'announced' });
  await app.inject({ method: 'POST', url: '/health/force', headers: json, payload: { unhealthy: true } });
  t.is((await app.inject({ method: 'GET', url: '/health' })).statusCode, 503);
  await app.close();
});

test('POST /health/force switches health and validates its body', async (t) => {
  const { control, calls } = fakeControl();
  const app = await createAdminApp(control);
  const ok = await app.inject({ method: 'POST', url: '/health/force', headers: json, payload: { unhealthy: true, reason: 'test' } });
  t.is(ok.statusCode, 200);
  t.like(ok.json(), { healthy: false, forcedUnhealthy: true, reason: 'operator: test' });
  const cases: Array<[string, RegExp]> = [
    ['{"unhealthy": "yes"}', /field "unhealthy" must be true or false/],
    ['{"unhealthy": true, "extra": 1}', /unknown field "extra"/],
    ['{not json', /not valid JSON/],
    ['', /cannot be empty/i],
  ];
  for (const [payload, message] of cases) {
    const bad = await app.inject({ method: 'POST', url: '/health/force', headers: json, payload });
    t.is(bad.statusCode, 400, payload);
    t.is(bad.json().error, 'INPUT_INVALID');
    t.regex(bad.json().message, message);
  }
  t.deepEqual(calls, ['force true test']);
  await app.close();
});

test('drain answers 202 at once; undrain, announcement and mitigation report state', async (t) => {
  const { control, calls } = fakeControl();
  const app = await createAdminApp(control);
  const drain = await app.inject({ method: 'POST', url: '/drain' });
  t.is(drain.statusCode, 202);
  t.like(drain.json(), { state: 'announced', since: '2026-01-01T00:00:00.000Z' });
  await app.inject({ method: 'POST', url: '/undrain', headers: json, payload: { reason: 'back' } });
  t.is((await app.inject({ method: 'POST', url: '/drain', headers: json, payload: { now: true } })).statusCode, 400);
  t.deepEqual(calls, ['drain operator drain', 'undrain back']);
  const announcement = (await app.inject({ method: 'GET', url: '/announcement' })).json();
  t.like(announcement, { state: 'announced', route: { originated: true, gshut: false } });
  t.false('sinceMs' in announcement);
  t.is((await app.inject({ method: 'GET', url: '/mitigation' })).json().levelName, 'normal');
  await app.close();
});

test('GET /metrics serves the registry text with its content type', async (t) => {
  const { control } = fakeControl();
  const app = await createAdminApp(control);
  const metrics = await app.inject({ method: 'GET', url: '/metrics' });
  t.is(metrics.body, 'edge_healthy 1\n');
  t.regex(String(metrics.headers['content-type']), /^text\/plain; version=0.0.4/);
  await app.close();
});
