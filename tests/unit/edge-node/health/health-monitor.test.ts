import test from 'ava';
import { DEFAULT_TUNING } from '../../../../edge-node/src/config.ts';
import type { HealthSample } from '../../../../edge-node/src/health/health-checks.ts';
import { HealthMonitor } from '../../../../edge-node/src/health/health-monitor.ts';

const good: HealthSample = { lagP99Ms: 5, responses: 0, serverErrors: 0, upstream: 'reachable' };
const laggy: HealthSample = { ...good, lagP99Ms: 2000 };

test('checks go through hysteresis; the reason names what failed', (t) => {
  const monitor = new HealthMonitor({ ...DEFAULT_TUNING.health, rise: 2, fall: 2 });
  t.false(monitor.observe(good).healthy);
  t.true(monitor.observe(good).healthy);
  t.true(monitor.observe(laggy).healthy, 'one bad tick is not enough');
  const report = monitor.observe(laggy);
  t.false(report.healthy);
  t.regex(report.reason, /^event-loop-lag: p99 2000 ms/);
});

test('the operator switch acts at once both ways, without resetting the checks', (t) => {
  const monitor = new HealthMonitor({ ...DEFAULT_TUNING.health, rise: 1, fall: 1 });
  monitor.observe(good);
  const forced = monitor.setForcedUnhealthy(true, 'maintenance');
  t.false(forced.healthy);
  t.true(forced.forcedUnhealthy);
  t.is(forced.reason, 'operator: maintenance');
  t.false(monitor.observe(good).healthy, 'passing checks do not override the operator');
  t.true(monitor.setForcedUnhealthy(false, 'done').healthy);
});
