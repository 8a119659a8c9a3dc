import test from 'ava';
import { AnnouncementController, type AnnouncementChange } from '../../../../edge-node/src/announce/announcement.ts';
import { MemoryFrrDriver } from '../../../../edge-node/src/announce/memory-frr-driver.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

function setup(options: { inFlight?: () => number } = {}) {
  const clock = new FakeClock();
  const driver = new MemoryFrrDriver();
  const changes: string[] = [];
  const errors: string[] = [];
  let lastRequestMs = 0;
  const controller = new AnnouncementController({
    driver,
    traffic: { inFlight: options.inFlight ?? (() => 0), lastRequestMs: () => lastRequestMs },
    drain: { quietMs: 1000, maxMs: 10_000, pollMs: 100 },
    now: clock.now,
    wallNow: () => 1_700_000_000_000,
    sleep: clock.sleep,
    events: {
      onChange: (c: AnnouncementChange) => changes.push(`${c.from}->${c.to} ${c.cause}: ${c.reason}`),
      onError: (action) => errors.push(action),
    },
  });
  return { clock, driver, changes, errors, controller, request: () => (lastRequestMs = clock.ms) };
}

test('start withdraws a route an earlier run left announced', async (t) => {
  const { driver, controller, changes } = setup();
  await driver.announce();
  await controller.start();
  t.false((await driver.readState()).originated);
  t.deepEqual(changes, ['announced->withdrawn startup: route left announced by an earlier run']);
});

test('health drives announce and withdraw, each change with its reason', async (t) => {
  const { driver, controller, changes } = setup();
  await controller.start();
  await controller.setHealth(false, 'starting');
  t.deepEqual(driver.operations, [], 'unhealthy and withdrawn: nothing to do');
  await controller.setHealth(true, 'checks passed 2 times in a row');
  await controller.setHealth(true, 'still fine');
  await controller.setHealth(false, 'event-loop-lag: p99 900 ms (limit 500 ms)');
  t.deepEqual(driver.operations, ['announce', 'withdraw']);
  t.deepEqual(changes, [
    'withdrawn->announced health: checks passed 2 times in a row',
    'announced->withdrawn health: event-loop-lag: p99 900 ms (limit 500 ms)',
  ]);
  t.like(controller.status(), { state: 'withdrawn', mode: 'serving', changes: 2, lastError: null });
});

test('drain: GSHUT first, withdraw once traffic has moved, and stay down until undrain', async (t) => {
  const { clock, driver, controller, changes, request } = setup();
  await controller.setHealth(true, 'healthy');
  const start = clock.ms;
  const draining = controller.drain('maintenance');
  await controller.setHealth(true, 'healthy');
  request();
  const result = await draining;
  t.is(result.outcome, 'quiet');
  t.true(clock.ms - start >= 1000);
  t.deepEqual(driver.operations, ['announce', 'announceGshut', 'withdraw']);
  t.deepEqual(changes.slice(1), [
    'announced->draining drain: drain: maintenance: GSHUT sent, waiting for traffic to move',
    `draining->withdrawn drain: drain: maintenance: traffic moved after ${result.waitedMs} ms`,
  ]);
  await controller.setHealth(true, 'healthy');
  t.is(controller.status().state, 'withdrawn', 'health does not re-announce a drained server');
  t.is(await controller.drain('again'), result, 'draining twice is the same drain');
  await controller.undrain('done');
  t.like(controller.status(), { state: 'announced', mode: 'serving', reason: 'undrain: done' });
});

test('undrain during the wait cancels the drain: no withdrawal, GSHUT removed', async (t) => {
  const { driver, controller, changes } = setup({ inFlight: () => 1 });
  await controller.setHealth(true, 'healthy');
  const draining = controller.drain('oops');
  await new Promise((resolve) => setImmediate(resolve));
  await controller.undrain('changed my mind');
  t.is((await draining).outcome, 'cancelled');
  await controller.idle();
  t.deepEqual(driver.operations, ['announce', 'announceGshut', 'announce']);
  t.false((await driver.readState()).gshut);
  t.is(changes.at(-1), 'draining->announced undrain: undrain: changed my mind');
});

test('a drain that never sees quiet withdraws at the limit', async (t) => {
  const { controller } = setup({ inFlight: () => 1 });
  await controller.setHealth(true, 'healthy');
  const result = await controller.drain('busy');
  t.deepEqual(result, { outcome: 'timeout', waitedMs: 10_000 });
  t.regex(controller.status().reason, /drain limit reached after 10000 ms/);
});

test('shutdown drains and nothing announces afterwards', async (t) => {
  const { driver, controller } = setup();
  await controller.setHealth(true, 'healthy');
  t.is((await controller.shutdown('SIGTERM')).outcome, 'quiet');
  await controller.setHealth(true, 'healthy');
  await controller.undrain('no');
  t.deepEqual(driver.operations, ['announce', 'announceGshut', 'withdraw']);
  t.like(controller.status(), { state: 'withdrawn', mode: 'stopped' });
});

test('shutdown of a withdrawn server has nothing to drain', async (t) => {
  const { driver, controller } = setup();
  t.is((await controller.shutdown('SIGTERM')).outcome, 'not-announced');
  t.deepEqual(driver.operations, []);
});

test('a failed FRR action leaves the state as it was, is reported, and is retried by the next tick', async (t) => {
  const { driver, controller, errors } = setup();
  driver.failNext(1);
  await controller.setHealth(true, 'healthy');
  t.like(controller.status(), { state: 'withdrawn', lastError: 'announce: announce: simulated vtysh failure' });
  t.deepEqual(errors, ['announce']);
  await controller.setHealth(true, 'healthy');
  t.like(controller.status(), { state: 'announced', lastError: null });
});

test('if GSHUT cannot be set, the drain withdraws at once rather than stay announced', async (t) => {
  const { driver, controller, errors } = setup();
  await controller.setHealth(true, 'healthy');
  driver.failNext(1);
  const result = await controller.drain('now');
  t.is(result.outcome, 'failed');
  t.deepEqual(errors, ['gshut']);
  t.deepEqual(driver.operations, ['announce', 'withdraw']);
  t.regex(controller.status().reason, /GSHUT failed, withdrawn at once/);
});

test('withdrawNow acts outside the queue, even mid-drain', async (t) => {
  const { driver, controller } = setup({ inFlight: () => 1 });
  await controller.setHealth(true, 'healthy');
  const draining = controller.drain('slow');
  await new Promise((resolve) => setImmediate(resolve));
  await controller.withdrawNow('fatal error');
  t.false((await driver.readState()).originated);
  t.is((await draining).outcome, 'cancelled');
  t.like(controller.status(), { state: 'withdrawn', mode: 'stopped', reason: 'fatal error' });
});
