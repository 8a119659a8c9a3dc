import test from 'ava';
import { SourceLimiter, type LimiterSettings } from '../../../../edge-node/src/defense/source-limiter.ts';
import { tally } from '../helpers/tally.ts';

const settings: LimiterSettings = {
  source: { perSecond: 10, burst: 10 },
  prefix: { perSecond: 25, burst: 25 },
  maxSources: 100,
  maxPrefixes: 10,
  idleMs: 60_000,
};

function admitMany(limiter: SourceLimiter, source: string, count: number, nowMs: number): Record<string, number> {
  return tally(count, () => limiter.admit(source, nowMs));
}

test('a source over its bucket is source-limited; its neighbours are not', (t) => {
  const limiter = new SourceLimiter(settings, 0);
  t.deepEqual(admitMany(limiter, '198.18.1.1', 15, 0), { allow: 10, 'source-limited': 5 });
  t.deepEqual(admitMany(limiter, '198.18.1.2', 10, 0), { allow: 10 });
});

test('many sources of one /24 share the prefix bucket', (t) => {
  const limiter = new SourceLimiter(settings, 0);
  const verdicts = ['1', '2', '3'].map((host) => admitMany(limiter, `198.18.1.${host}`, 10, 0));
  t.deepEqual(verdicts, [{ allow: 10 }, { allow: 10 }, { allow: 5, 'prefix-limited': 5 }]);
  t.deepEqual(admitMany(limiter, '198.18.2.1', 10, 0), { allow: 10 }, 'another /24 has its own bucket');
});

test('a window reports totals and the suspects, then starts afresh', (t) => {
  const limiter = new SourceLimiter(settings, 0);
  admitMany(limiter, '198.18.1.1', 12, 0);
  admitMany(limiter, '198.18.9.9', 3, 0);
  limiter.recordError('198.18.9.9');
  const sample = limiter.takeWindow(1000);
  t.is(sample.durationMs, 1000);
  t.is(sample.requests, 15);
  t.is(sample.limited, 2);
  t.is(sample.errors, 1);
  t.deepEqual(
    sample.suspectSources.map((s) => [s.key, s.limited, s.errors]),
    [
      ['198.18.1.1', 2, 0],
      ['198.18.9.9', 0, 1],
    ],
  );
  t.deepEqual(sample.suspectPrefixes.map((p) => p.key), ['198.18.9.0/24'], 'a source-limited request does not count against its /24');
  const next = limiter.takeWindow(2000);
  t.is(next.requests, 0);
  t.deepEqual(next.suspectSources, []);
});

test('scaling tightens limits; memory stays bounded by maxSources', (t) => {
  const limiter = new SourceLimiter({ ...settings, maxSources: 3 }, 0);
  limiter.scale(0.5, 1);
  t.deepEqual(limiter.rates.source, { perSecond: 5, burst: 5 });
  t.deepEqual(admitMany(limiter, '198.18.1.1', 6, 0), { allow: 5, 'source-limited': 1 });
  for (let i = 2; i < 50; i++) limiter.admit(`198.18.${i}.1`, 0);
  t.true(limiter.takeWindow(1).suspectSources.length <= 3);
});

test('idle entries are dropped at the end of a window', (t) => {
  const limiter = new SourceLimiter(settings, 0);
  admitMany(limiter, '198.18.1.1', 12, 0);
  limiter.takeWindow(1000);
  limiter.takeWindow(61_001);
  t.deepEqual(admitMany(limiter, '198.18.1.1', 10, 61_001), { allow: 10 }, 'a fresh full bucket');
});
