import test from 'ava';
import { ErrorWindow } from '../../../../edge-node/src/health/error-window.ts';

test('counts responses and errors over the sliding window only', (t) => {
  const w = new ErrorWindow(10_000, 10, 0);
  for (let i = 0; i < 10; i++) w.record(i < 4, 500);
  w.record(true, 5_500);
  t.deepEqual(w.totals(6000), { responses: 11, errors: 5 });
  t.deepEqual(w.totals(10_500), { responses: 1, errors: 1 }, 'the first second has slid out');
  t.deepEqual(w.totals(100_000), { responses: 0, errors: 0 }, 'a long silence clears everything');
});
