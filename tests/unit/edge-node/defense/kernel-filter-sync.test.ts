import test from 'ava';
import type { KernelRuleView } from '../../../../contracts/edge-admin.ts';
import type { KernelFilter } from '../../../../edge-node/src/defense/kernel-filter.ts';
import { KernelFilterSync, retryDelayMs, type KernelRetryPolicy } from '../../../../edge-node/src/defense/kernel-filter-sync.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

/** A chain in memory: counts per rule, zeroed by every apply, and a number of failures to come. */
class FakeChain implements KernelFilter {
  rules = new Map<string, { packets: number; bytes: number }>();
  applied: string[][] = [];
  failNext = 0;

  async apply(keys: readonly string[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('iptables-restore: line 2 failed');
    }
    this.applied.push([...keys]);
    this.rules = new Map(keys.map((key) => [key, { packets: 0, bytes: 0 }]));
  }

  async readCounters(): Promise<KernelRuleView[]> {
    return [...this.rules].map(([key, c]) => ({ key, ...c }));
  }

  hit(key: string, packets: number): void {
    const rule = this.rules.get(key);
    if (rule) this.rules.set(key, { packets: rule.packets + packets, bytes: rule.bytes + packets * 60 });
  }
}

const policy: KernelRetryPolicy = { initialDelayMs: 500, maxDelayMs: 2000, maxFailures: 4 };

function setup() {
  const clock = new FakeClock();
  const chain = new FakeChain();
  const sleeps: number[] = [];
  const log: string[] = [];
  const sync = new KernelFilterSync({
    filter: chain,
    now: clock.now,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return clock.sleep(ms, signal);
    },
    retry: policy,
    events: {
      onRetry: (failures, delayMs) => log.push(`retry ${failures} in ${delayMs}: ${sync.view(0).state} next ${sync.view(0).nextAttemptInMs}`),
      onGiveUp: (failures) => log.push(`gave up after ${failures}`),
      onRecovered: (failures) => log.push(`recovered after ${failures}`),
    },
  });
  return { clock, chain, sleeps, log, sync };
}

test('the backoff doubles from its first delay up to its cap', (t) => {
  t.deepEqual([1, 2, 3, 4, 5].map((n) => retryDelayMs(policy, n)), [500, 1000, 2000, 2000, 2000]);
});

test('no filter configured: state off, requests do nothing', async (t) => {
  const clock = new FakeClock();
  const sync = new KernelFilterSync({ filter: undefined, now: clock.now, sleep: clock.sleep });
  sync.request(['198.19.6.40']);
  await sync.settled();
  await sync.refreshCounters();
  t.like(sync.view(10), { state: 'off', ruleCount: 0, dropped: { packets: 0, bytes: 0 }, countersAgeMs: null });
});

test('requests during a write coalesce (the latest wins), an unchanged set is not written again, IPv6 keys stay out', async (t) => {
  const { chain, sync } = setup();
  sync.request(['198.19.6.40']);
  sync.request(['198.19.6.42']);
  sync.request(['198.19.6.41', '198.19.6.40', '2001:db8::1']);
  await sync.settled();
  sync.request(['198.19.6.40', '198.19.6.41']);
  await sync.settled();
  t.deepEqual(chain.applied, [['198.19.6.40'], ['198.19.6.40', '198.19.6.41']]);
  t.like(sync.view(10), { state: 'on', ruleCount: 2 });
});

test('drops are summed over rewrites of the chain, per key while blocked and in the total after', async (t) => {
  const { chain, clock, sync } = setup();
  sync.request(['198.19.6.40']);
  await sync.settled();
  chain.hit('198.19.6.40', 10);
  clock.advance(1000);
  await sync.refreshCounters();
  t.like(sync.view(10), { dropped: { packets: 10, bytes: 600 }, countersAgeMs: 0 });

  chain.hit('198.19.6.40', 2);
  sync.request(['198.19.6.40', '198.19.7.0/24']);
  await sync.settled();
  chain.hit('198.19.6.40', 3);
  chain.hit('198.19.7.0/24', 4);
  await sync.refreshCounters();
  clock.advance(250);
  t.deepEqual(sync.view(10), {
    state: 'on',
    dropped: { packets: 19, bytes: 19 * 60 },
    ruleCount: 2,
    rules: [
      { key: '198.19.6.40', packets: 15, bytes: 900 },
      { key: '198.19.7.0/24', packets: 4, bytes: 240 },
    ],
    failures: 0,
    lastError: null,
    nextAttemptInMs: null,
    countersAgeMs: 250,
  });

  chain.hit('198.19.6.40', 1);
  sync.request(['198.19.7.0/24']);
  await sync.settled();
  await sync.refreshCounters();
  t.like(sync.view(1), { dropped: { packets: 20 }, ruleCount: 1, rules: [{ key: '198.19.7.0/24', packets: 4 }] });
});

test('a failed iptables call is retried with backoff and the state says so; success clears the failures', async (t) => {
  const { chain, sleeps, log, sync } = setup();
  chain.failNext = 2;
  sync.request(['198.19.6.40']);
  await sync.settled();
  t.deepEqual(sleeps, [500, 1000]);
  t.deepEqual(log, ['retry 1 in 500: retrying next 500', 'retry 2 in 1000: retrying next 1000', 'recovered after 2']);
  t.deepEqual(chain.applied, [['198.19.6.40']]);
  t.like(sync.view(10), { state: 'on', failures: 0, lastError: 'iptables-restore: line 2 failed', ruleCount: 1 });
});

test('a change asked for during a retry is the one applied next', async (t) => {
  const { chain, sync } = setup();
  chain.failNext = 1;
  sync.request(['198.19.6.40']);
  sync.request(['198.19.6.41']);
  await sync.settled();
  t.deepEqual(chain.applied, [['198.19.6.41']]);
});

test('after maxFailures in a row it gives up for good: state failed, no more attempts', async (t) => {
  const { chain, sleeps, log, sync } = setup();
  chain.failNext = 100;
  sync.request(['198.19.6.40']);
  await sync.settled();
  t.deepEqual(sleeps, [500, 1000, 2000]);
  t.is(log.at(-1), 'gave up after 4');
  t.like(sync.view(10), { state: 'failed', failures: 4, nextAttemptInMs: null });
  sync.request(['198.19.6.41']);
  await sync.settled();
  t.is(chain.failNext, 96, 'nothing tried after giving up');
});

test('close stops the retries', async (t) => {
  const { chain, sleeps, sync } = setup();
  chain.failNext = 100;
  sync.request(['198.19.6.40']);
  sync.close();
  await sync.settled();
  t.true(sleeps.length <= 1);
});
