import test from 'ava';
import { catchmentAfter, catchmentAt, catchmentBefore } from '../../../orchestrator/src/measure/catchment.ts';
import { stretch, timeline } from './synthetic.ts';

const records = timeline(stretch(0, 5000, 'tokyo'), stretch(5000, 5500, 'timeout'), stretch(5500, 10000, 'frankfurt'));

test('catchment at a time is the PoP of the last ok answer within the lookback', (t) => {
  t.is(catchmentAt(records, 4000, 1000), 'tokyo');
  t.is(catchmentAt(records, 9000, 1000), 'frankfurt');
  t.is(catchmentAt(records, 5400, 300), null);
  t.is(catchmentAt(records, 5400, 1000), 'tokyo');
});

test('catchment before and after a time', (t) => {
  t.is(catchmentBefore(records, 5000), 'tokyo');
  t.is(catchmentAfter(records, 5000, 10000), 'frankfurt');
  t.is(catchmentAfter(records, 5000, 5500), null);
  t.is(catchmentBefore([], 5000), null);
});
