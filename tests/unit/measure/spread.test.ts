import test from 'ava';
import { computeSpread, countRequestsByPop, popShares } from '../../../orchestrator/src/measure/spread.ts';
import { stretch, timeline } from './synthetic.ts';

test("equal load: max/mean 1 and Jain's index 1", (t) => {
  t.deepEqual(computeSpread([100, 100, 100, 100]), { maxOverMean: 1, jain: 1 });
});

test("skewed load: max/mean and Jain's index show it", (t) => {
  const s = computeSpread([300, 100, 0, 0]);
  t.is(s.maxOverMean, 3);
  t.is(s.jain, (400 * 400) / (4 * (300 * 300 + 100 * 100)));
  t.is(computeSpread([400, 0, 0, 0]).jain, 0.25);
});

test('single PoP, no PoP and zero requests do not throw', (t) => {
  t.deepEqual(computeSpread([42]), { maxOverMean: 1, jain: 1 });
  t.deepEqual(computeSpread([]), { maxOverMean: null, jain: null });
  t.deepEqual(computeSpread([0, 0]), { maxOverMean: null, jain: null });
  t.deepEqual(popShares(new Map([['tokyo', 0]])), [{ name: 'tokyo', requests: 0, share: 0 }]);
});

test('per-PoP requests count every answer carrying a PoP, and listed PoPs with none', (t) => {
  const records = timeline(stretch(0, 1000, 'tokyo'), stretch(1000, 1500, 'frankfurt'), stretch(1500, 2000, 'timeout'));
  const counts = countRequestsByPop(records, ['tokyo', 'frankfurt', 'ashburn']);
  t.deepEqual([...counts], [['tokyo', 50], ['frankfurt', 25], ['ashburn', 0]]);
  t.deepEqual(popShares(counts).map((p) => p.share), [50 / 75, 25 / 75, 0]);
});
