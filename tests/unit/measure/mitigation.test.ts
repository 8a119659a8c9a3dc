import test from 'ava';
import { attackShares, summarizeMitigation, timeToMitigateMs } from '../../../orchestrator/src/measure/mitigation.ts';
import { computeSpread } from '../../../orchestrator/src/measure/spread.ts';
import type { AttackCounters } from '../../../contracts/agent-api.ts';
import { stretch, timeline } from './synthetic.ts';

const counters = (byPop: AttackCounters['byPop']): AttackCounters => ({
  sent: 1000, ok: 100, blocked: 850, errors: 30, timeouts: 20, skipped: 0, inFlight: 0, byPop,
});

test('blocked over received per PoP and in total, and the legit success rate in the window', (t) => {
  const summary = summarizeMitigation(
    [counters({ tokyo: { received: 600, blocked: 550 } }), counters({ tokyo: { received: 200, blocked: 150 }, frankfurt: { received: 100, blocked: 0 } })],
    timeline(stretch(0, 1000, 'tokyo'), stretch(1000, 2000, 'timeout'), stretch(2000, 3000, 'tokyo')),
    { fromMs: 1000, toMs: 3000 },
  );
  t.deepEqual(summary.pops, [
    { name: 'tokyo', received: 800, blocked: 700, blockedShare: 700 / 800 },
    { name: 'frankfurt', received: 100, blocked: 0, blockedShare: 0 },
  ]);
  t.deepEqual(summary.total, { name: 'total', received: 900, blocked: 700, blockedShare: 700 / 900, sent: 2000 });
  t.is(summary.legitSuccessRate, 0.5);
});

test('no attack and no legit traffic does not throw', (t) => {
  const summary = summarizeMitigation([], [], { fromMs: 0, toMs: 1 });
  t.deepEqual(summary.pops, []);
  t.is(summary.total.blockedShare, null);
  t.is(summary.legitSuccessRate, null);
});

test('time to mitigate: attack start to the first second with >= 90% blocked or dropped; kernel drops count', (t) => {
  const second = (atMs: number, received: number, blocked: number, dropped: number) => ({ atMs, received, blocked, dropped });
  const seconds = [second(9000, 0, 0, 0), second(10_000, 100, 10, 0), second(11_000, 100, 80, 0), second(12_000, 20, 10, 180), second(13_000, 0, 0, 200)];
  t.is(timeToMitigateMs(seconds, 10_000), 2000, '12 s: (10 + 180) / 200 = 95%');
  t.is(timeToMitigateMs(seconds, 10_000, 0.8), 1000, 'a lower threshold is met at 11 s');
  t.is(timeToMitigateMs([second(10_000, 100, 50, 0)], 10_000), null, 'never mitigated');
  t.is(timeToMitigateMs([second(9000, 0, 0, 0)], 10_000), null, 'no attack traffic at all');
});

test('attack shares count kernel drops; spread over them gives Jain and max/mean', (t) => {
  const shares = attackShares([
    { name: 'west', received: 100, dropped: 200 },
    { name: 'east', received: 300, dropped: 0 },
    { name: 'asia', received: 0, dropped: 0 },
  ]);
  t.deepEqual(shares.map((s) => [s.name, s.reached, s.share]), [['west', 300, 0.5], ['east', 300, 0.5], ['asia', 0, 0]]);
  const spread = computeSpread(shares.map((s) => s.reached));
  t.is(spread.maxOverMean, 1.5);
  t.is(spread.jain, (600 * 600) / (3 * (300 * 300 * 2)));
});
