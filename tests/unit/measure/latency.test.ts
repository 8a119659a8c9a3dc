import test from 'ava';
import { percentile, summarizeLatency } from '../../../orchestrator/src/measure/latency.ts';
import { countFailed, successRate } from '../../../orchestrator/src/measure/records.ts';
import { stretch, timeline } from './synthetic.ts';

test('nearest-rank percentiles', (t) => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  t.is(percentile(values, 50), 50);
  t.is(percentile(values, 95), 95);
  t.is(percentile([7], 95), 7);
  t.is(percentile([], 50), null);
});

test('latency before and after counts ok answers only', (t) => {
  const records = timeline(stretch(0, 5000, 'tokyo', 50, 10), stretch(5000, 5500, 'timeout'), stretch(5500, 10000, 'frankfurt', 50, 120));
  t.deepEqual(summarizeLatency(records, 0, 5000), { p50: 10, p95: 10 });
  t.deepEqual(summarizeLatency(records, 5000, 10000), { p50: 120, p95: 120 });
  t.deepEqual(summarizeLatency([], 0, 1), { p50: null, p95: null });
});

test('lost over the whole run and the success rate', (t) => {
  const records = timeline(stretch(0, 1000, 'tokyo'), stretch(1000, 1200, 'refused'), stretch(1200, 2000, 'tokyo'));
  t.is(countFailed(records, 0, Infinity), 10);
  t.is(successRate(records), 90 / 100);
  t.is(successRate([]), null);
});
