import test from 'ava';
import { DEFAULT_TUNING } from '../../../../edge-node/src/config.ts';
import { Mitigation, type DefenseSettings } from '../../../../edge-node/src/defense/mitigation.ts';
import { tally } from '../helpers/tally.ts';

const settings: DefenseSettings = {
  ...DEFAULT_TUNING.defense,
  limiter: { ...DEFAULT_TUNING.defense.limiter, source: { perSecond: 50, burst: 50 }, prefix: { perSecond: 500, burst: 500 } },
  sourceBlocks: { ...DEFAULT_TUNING.defense.sourceBlocks, baseMs: 10_000 },
  maxConnectionsPerSource: 2,
};

function flood(m: Mitigation, source: string, count: number, nowMs: number): Record<string, number> {
  return tally(count, () => m.admitRequest(source, nowMs));
}

test('a flooding source is limited, then blocked for a while, then let back in', (t) => {
  const m = new Mitigation(settings, 0);
  t.deepEqual(flood(m, '198.18.1.1', 1000, 0), { allow: 50, 'source-limited': 950 });
  t.deepEqual(flood(m, '198.18.2.2', 20, 0), { allow: 20 }, 'a legitimate source is untouched');
  const report = m.tick(1000);
  t.deepEqual(report.addedSources.map((b) => b.key), ['198.18.1.1']);
  t.is(report.level, 1, 'the flood raised the level');
  t.is(m.admitRequest('198.18.1.1', 1001), 'blocked');
  t.is(m.admitConnection('198.18.1.1', 1001), 'blocked');
  t.is(m.admitRequest('198.18.2.2', 1001), 'allow');
  t.deepEqual(m.snapshot(1001, 10).blocked.sources.map((b) => [b.key, b.expiresInS]), [['198.18.1.1', 10]]);
  const later = m.tick(11_001);
  t.deepEqual(later.expired.map((b) => b.key), ['198.18.1.1']);
  t.is(m.admitRequest('198.18.1.1', 11_001), 'allow');
  t.deepEqual(m.snapshot(11_001, 10).requests, { served: 50 + 20 + 1 + 1, blocked: 1, limited: 950, connectionsBlocked: 1, connectionsLimited: 0 }, 'user-space counters');
});

test('elevated levels tighten the limits and calm windows restore them', (t) => {
  const m = new Mitigation(settings, 0);
  flood(m, '198.18.1.1', 1000, 0);
  m.tick(1000);
  t.deepEqual(m.snapshot(1000, 10).limits.source, { perSecond: 37.5, burst: 37.5 });
  for (let s = 2; s <= 2 + settings.detector.relaxAfterWindows; s++) m.tick(s * 1000);
  t.is(m.level, 0);
  t.deepEqual(m.snapshot(10_000, 10).limits.source, settings.limiter.source);
});

test('a /24 whose sources together exceed the prefix rate is blocked as a whole', (t) => {
  const m = new Mitigation(settings, 0);
  for (let host = 1; host <= 30; host++) flood(m, `198.18.3.${host}`, 40, 0);
  const report = m.tick(1000);
  t.deepEqual(report.addedPrefixes.map((b) => b.key), ['198.18.3.0/24']);
  t.deepEqual(report.addedSources, []);
  t.is(m.admitRequest('198.18.3.200', 1001), 'blocked', 'even a source not seen before');
  t.is(m.admitRequest('198.18.4.1', 1001), 'allow');
  t.is(m.blockedCounts.prefixes, 1);
});

test('connections per source are capped and released', (t) => {
  const m = new Mitigation(settings, 0);
  t.deepEqual(
    [m.admitConnection('198.18.1.1', 0), m.admitConnection('198.18.1.1', 0), m.admitConnection('198.18.1.1', 0)],
    ['allow', 'allow', 'connection-limited'],
  );
  m.releaseConnection('198.18.1.1');
  t.is(m.admitConnection('198.18.1.1', 0), 'allow');
  t.is(m.counters.connectionsLimited, 1);
});

test('reported abuse blocks at once', (t) => {
  const m = new Mitigation(settings, 0);
  m.reportAbuse('198.18.1.1', 'HTTP/2 rapid reset', 0);
  t.is(m.admitConnection('198.18.1.1', 1), 'blocked');
  t.is(m.snapshot(1, 10).blocked.sources[0]?.reason, 'HTTP/2 rapid reset');
});
