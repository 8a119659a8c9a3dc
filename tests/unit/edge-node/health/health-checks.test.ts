import test from 'ava';
import { describeFailures, evaluateHealth, type HealthSample } from '../../../../edge-node/src/health/health-checks.ts';

const thresholds = { maxLagMs: 500, maxErrorRatio: 0.5, minResponses: 20 };
const good: HealthSample = { lagP99Ms: 12, responses: 100, serverErrors: 1, upstream: 'reachable' };

test('a good sample passes every check', (t) => {
  t.true(evaluateHealth(good, thresholds).every((c) => c.ok));
  t.is(describeFailures(evaluateHealth(good, thresholds)), '');
});

test('each failing check is named with its measurement and limit', (t) => {
  const bad = evaluateHealth({ lagP99Ms: 812, responses: 40, serverErrors: 30, upstream: 'unreachable' }, thresholds);
  t.is(
    describeFailures(bad),
    'event-loop-lag: p99 812 ms (limit 500 ms); error-rate: 30/40 responses 5xx (limit 50%); upstream: origin/parents unreachable and nothing cached',
  );
});

test('errors among too few responses, and an unreachable upstream with content cached, do not fail', (t) => {
  t.true(evaluateHealth({ ...good, responses: 5, serverErrors: 5 }, thresholds).every((c) => c.ok));
  t.true(evaluateHealth({ ...good, upstream: 'cached' }, thresholds).every((c) => c.ok));
});
