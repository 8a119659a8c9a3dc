import test from 'ava';
import { FakeClock } from '../../../images/wire/src/wire-clock.ts';
import { wireParams, type WireParams } from '../../../images/wire/src/wire-params.ts';
import { WirePipe } from '../../../images/wire/src/wire-pipe.ts';
import { seededRandom } from './seeded-random.ts';

interface Arrival {
  readonly id: number;
  readonly sentMs: number;
  readonly atMs: number;
}

/** A pipe on a fake clock; each packet carries its id and send time in its first bytes. */
function harness(params: Partial<WireParams>, seed = 1) {
  const clock = new FakeClock();
  const arrivals: Arrival[] = [];
  const pipe = new WirePipe(wireParams(params), clock, (p) => {
    const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
    arrivals.push({ id: view.getUint32(0), sentMs: view.getFloat64(4), atMs: clock.nowMs() });
  }, seededRandom(seed));
  let next = 0;
  const send = (size = 100): number => {
    const packet = new Uint8Array(size);
    const view = new DataView(packet.buffer);
    view.setUint32(0, next);
    view.setFloat64(4, clock.nowMs());
    pipe.send(packet);
    return next++;
  };
  return { clock, pipe, arrivals, send };
}

test('delay: every packet arrives exactly its delay after it was sent, not before', (t) => {
  const { clock, arrivals, send } = harness({ delayMs: 100 });
  for (let i = 0; i < 5; i++) {
    send();
    clock.advance(3);
  }
  clock.advance(84.9); // t = 99.9: the first is not due yet
  t.is(arrivals.length, 0);
  clock.advance(20);
  t.deepEqual(arrivals.map((a) => a.atMs - a.sentMs), [100, 100, 100, 100, 100]);
});

test('delay 0 delivers at once, in order', (t) => {
  const { arrivals, send } = harness({});
  for (let i = 0; i < 10; i++) send();
  t.deepEqual(arrivals.map((a) => a.id), [...Array(10).keys()]);
  t.true(arrivals.every((a) => a.atMs === a.sentMs));
});

test('order keep: jitter never reorders, and each packet still waits at least delay - jitter', (t) => {
  const { clock, arrivals, send } = harness({ delayMs: 50, jitterMs: 20, order: 'keep' });
  for (let i = 0; i < 2000; i++) {
    send();
    clock.advance(1);
  }
  clock.advance(200);
  t.is(arrivals.length, 2000);
  t.deepEqual(arrivals.map((a) => a.id), [...Array(2000).keys()]);
  t.true(arrivals.every((a) => a.atMs - a.sentMs >= 30 && a.atMs - a.sentMs <= 70 + 40));
});

test('order jitter: packets reorder when their draws cross, and none is lost', (t) => {
  const { clock, arrivals, send } = harness({ delayMs: 50, jitterMs: 20, order: 'jitter' });
  for (let i = 0; i < 2000; i++) {
    send();
    clock.advance(1);
  }
  clock.advance(200);
  t.is(arrivals.length, 2000);
  const overtaken = arrivals.filter((a, i) => i > 0 && a.id < arrivals[i - 1]!.id).length;
  t.true(overtaken > 100, `${overtaken} packets overtaken`);
  t.deepEqual(arrivals.map((a) => a.id).sort((x, y) => x - y), [...Array(2000).keys()]);
});

test('jitter: delays are uniform on [delay - jitter, delay + jitter]', (t) => {
  const { clock, arrivals, send } = harness({ delayMs: 50, jitterMs: 10, order: 'jitter' }, 7);
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    send();
    clock.advance(5);
  }
  clock.advance(100);
  const delays = arrivals.map((a) => a.atMs - a.sentMs);
  t.is(delays.length, n);
  t.true(delays.every((d) => d >= 40 && d <= 60));
  const mean = delays.reduce((s, d) => s + d, 0) / n;
  const sd = Math.sqrt(delays.reduce((s, d) => s + (d - mean) ** 2, 0) / n);
  t.true(Math.abs(mean - 50) < 0.2, `mean ${mean}`);
  t.true(Math.abs(sd - 10 / Math.sqrt(3)) < 0.15, `sd ${sd}`); // uniform: half-width / sqrt(3)
  const bins = new Array<number>(10).fill(0);
  for (const d of delays) bins[Math.min(9, Math.floor((d - 40) / 2))]!++;
  for (const count of bins) t.true(Math.abs(count / n - 0.1) < 0.01, `bins ${bins.join(' ')}`);
});

test('loss: the share dropped matches the configured percent', (t) => {
  const { clock, pipe, arrivals, send } = harness({ lossPct: 10 }, 3);
  for (let i = 0; i < 20_000; i++) send();
  clock.advance(1);
  const lost = 1 - arrivals.length / 20_000;
  t.true(Math.abs(lost - 0.1) < 0.01, `lost ${lost}`);
  t.is(pipe.counters.dropped.loss, 20_000 - arrivals.length);
});

test('rate: a backlog drains at the configured rate after the burst', (t) => {
  // 1000 kbit/s = 125 bytes/ms: a 1250-byte packet every 10 ms once the bucket is empty.
  const { clock, arrivals, send } = harness({ rateKbit: 1000, burstBytes: 2500, queueMs: 100_000 });
  for (let i = 0; i < 100; i++) send(1250);
  clock.advance(2000);
  t.is(arrivals.length, 100);
  t.deepEqual(arrivals.slice(0, 3).map((a) => a.atMs), [0, 0, 10]);
  const last = arrivals.at(-1)!;
  t.is(Math.round(last.atMs), 980); // two in the burst, then 98 x 10 ms
  t.deepEqual(arrivals.map((a) => a.id), [...Array(100).keys()]);
});

test('rate: packets that would wait longer than the queue allows are tail-dropped', (t) => {
  const { clock, pipe, arrivals, send } = harness({ rateKbit: 1000, burstBytes: 1250, queueMs: 50 });
  for (let i = 0; i < 20; i++) send(1250);
  clock.advance(1000);
  t.is(arrivals.length, 6); // 1 from the burst, then 5 within 50 ms
  t.is(pipe.counters.dropped.queue, 14);
});

test('rate and delay add: serialisation first, then propagation', (t) => {
  const { clock, arrivals, send } = harness({ rateKbit: 1000, burstBytes: 1250, delayMs: 30 });
  send(1250);
  send(1250);
  clock.advance(100);
  t.deepEqual(arrivals.map((a) => a.atMs), [30, 40]);
});

test('MTU: a packet bigger than the MTU is dropped and counted, one at the MTU passes', (t) => {
  const { clock, pipe, arrivals, send } = harness({ mtu: 1400 });
  send(1400);
  send(1401);
  send(9000);
  clock.advance(1);
  t.deepEqual(arrivals.map((a) => a.id), [0]);
  t.is(pipe.counters.dropped.mtu, 2);
});

test('cut drops what is waiting and everything after it, restore lets packets through again', (t) => {
  const { clock, pipe, arrivals, send } = harness({ delayMs: 10 });
  send();
  pipe.cut();
  send();
  clock.advance(20);
  t.is(arrivals.length, 0);
  pipe.restore();
  send();
  clock.advance(20);
  t.deepEqual(arrivals.map((a) => a.id), [2]);
});

test('new parameters apply to the next packet; packets already waiting keep their time', (t) => {
  const { clock, pipe, arrivals, send } = harness({ delayMs: 100 });
  send();
  pipe.setParams(wireParams({ delayMs: 10 }));
  send();
  clock.advance(200);
  // order keep: the second may not overtake the first
  t.deepEqual(arrivals.map((a) => [a.id, a.atMs]), [[0, 100], [1, 100]]);
});
