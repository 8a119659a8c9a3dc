import test from 'ava';
import { fullBucket, scaleRate, takeToken } from '../../../../edge-node/src/defense/token-bucket.ts';

const rate = { perSecond: 10, burst: 5 };

test('a full bucket allows a burst, then refills at the rate', (t) => {
  const bucket = fullBucket(rate, 0);
  const burst = Array.from({ length: 7 }, () => takeToken(bucket, rate, 0));
  t.deepEqual(burst, [true, true, true, true, true, false, false]);
  t.false(takeToken(bucket, rate, 50), 'half a token after 50 ms at 10/s');
  t.true(takeToken(bucket, rate, 100), 'one token after 100 ms');
  t.false(takeToken(bucket, rate, 100));
});

test('refill never exceeds the burst', (t) => {
  const bucket = fullBucket(rate, 0);
  takeToken(bucket, rate, 0);
  takeToken(bucket, rate, 60_000);
  t.is(bucket.tokens, rate.burst - 1);
});

test('a scaled-down rate caps a fuller bucket at once', (t) => {
  const bucket = fullBucket(rate, 0);
  const half = scaleRate(rate, 0.4);
  t.deepEqual(half, { perSecond: 4, burst: 2 });
  t.deepEqual([takeToken(bucket, half, 0), takeToken(bucket, half, 0), takeToken(bucket, half, 0)], [true, true, false]);
});
