import test from 'ava';
import type { LightMyRequestResponse } from 'fastify';
import { createAdminApp, type EdgeControl } from '../../../../edge-node/src/admin/admin-app.ts';
import { FrrReadLimit } from '../../../../edge-node/src/admin/frr-read-limit.ts';
import type { BgpRouteState, FrrDriver } from '../../../../edge-node/src/announce/frr-driver.ts';
import { isEdgeError } from '../../../../edge-node/src/errors.ts';

/** A driver whose reads hang until the test lets them go, counting how many run at once. */
class HeldReadsDriver implements FrrDriver {
  running = 0;
  maxRunning = 0;
  started = 0;
  readonly #held: Array<() => void> = [];
  #onStart: (() => void) | undefined;

  async announce(): Promise<void> {}
  async announceGshut(): Promise<void> {}
  async withdraw(): Promise<void> {}

  async readState(): Promise<BgpRouteState> {
    this.started++;
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    this.#onStart?.();
    await new Promise<void>((resolve) => this.#held.push(resolve));
    this.running--;
    return { originated: true, valid: true, gshut: false };
  }

  /** Resolves once `count` reads have started in all. */
  startedAtLeast(count: number): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.started >= count) resolve();
      };
      this.#onStart = check;
      check();
    });
  }

  releaseOne(): void {
    this.#held.shift()?.();
  }
}

function controlOver(driver: FrrDriver): EdgeControl {
  return {
    health: () => ({ healthy: true, forcedUnhealthy: false, reason: 'ok', checks: [] }),
    forceUnhealthy: async () => ({ healthy: true, forcedUnhealthy: false, reason: 'ok', checks: [] }),
    drain: () => undefined,
    undrain: async () => undefined,
    announcement: () => ({ state: 'announced', mode: 'serving', reason: 'ok', sinceMs: 0, changes: 1, lastError: null }),
    bgpRoute: () => driver.readState(),
    mitigation: () => {
      throw new Error('not used');
    },
    metrics: async () => ({ contentType: 'text/plain', text: '' }),
  };
}

/** Lets every callback already queued run (no clock involved). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('GET /announcement runs at most 2 FRR reads at once, queues 3, answers the rest 503 ADMIN_BUSY', async (t) => {
  const driver = new HeldReadsDriver();
  const app = await createAdminApp(controlOver(driver), { frrReads: { concurrent: 2, queued: 3 } });
  t.teardown(() => app.close());
  const answers: LightMyRequestResponse[] = [];
  const requests = Array.from({ length: 8 }, () => app.inject({ method: 'GET', url: '/announcement' }).then((r) => void answers.push(r)));

  // Until the refusals are back, or a third read started (the bound does not hold).
  while (answers.length < 3 && driver.started <= 2) await turn();
  t.is(driver.started, 2, 'two reads started');
  t.is(driver.running, 2, 'two reads run');
  t.deepEqual(answers.map((a) => [a.statusCode, a.json().error, a.headers['retry-after']]), Array(3).fill([503, 'ADMIN_BUSY', '1']), 'the three beyond the queue refused at once');

  for (let released = 0; released < 5; released++) {
    driver.releaseOne();
    await driver.startedAtLeast(Math.min(5, released + 3));
    t.true(driver.running <= 2);
  }
  await Promise.all(requests);
  t.is(driver.started, 5, 'each of the five admitted ran one read');
  t.is(driver.maxRunning, 2, 'never more than two at once');
  t.deepEqual(answers.slice(3).map((a) => [a.statusCode, a.json().route]), Array(5).fill([200, { originated: true, valid: true, gshut: false }]));

  // Once the burst is over there is room again.
  const later = app.inject({ method: 'GET', url: '/announcement' });
  await driver.startedAtLeast(6);
  driver.releaseOne();
  t.is((await later).statusCode, 200);
});

test('the limit hands a finished read`s place to the next in line, in order, also after a failure', async (t) => {
  const limit = new FrrReadLimit({ concurrent: 1, queued: 2 });
  const order: string[] = [];
  let fail!: (error: Error) => void;
  const first = limit.run(() => new Promise<string>((_resolve, reject) => (fail = reject)));
  const second = limit.run(async () => void order.push('second'));
  const third = limit.run(async () => void order.push('third'));
  const refused = await limit.run(async () => 'never').catch((error: unknown) => error);
  t.true(isEdgeError(refused, 'ADMIN_BUSY'), String(refused));
  t.is(limit.running, 1);
  t.is(limit.waiting, 2);
  fail(new Error('vtysh failed'));
  await t.throwsAsync(first, { message: 'vtysh failed' });
  await Promise.all([second, third]);
  t.deepEqual(order, ['second', 'third']);
  t.is(limit.running, 0);
  t.is(limit.waiting, 0);
});
