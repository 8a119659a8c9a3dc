import test from 'ava';
import { summarizeMitigation } from '../../../orchestrator/src/measure/mitigation.ts';
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
