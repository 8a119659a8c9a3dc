import test from 'ava';
import { measureConvergence, measureLost } from '../../../orchestrator/src/measure/convergence.ts';
import { stretch, timeline } from './synthetic.ts';

const window = { stableWindowMs: 1000 };

test('a client that moves converges at the first answer from the new PoP', (t) => {
  const records = timeline(stretch(0, 5000, 'tokyo'), stretch(5000, 5300, 'timeout'), stretch(5300, 15000, 'frankfurt'));
  const c = measureConvergence(records, 5000, window);
  t.is(c.outcome, 'moved');
  t.is(c.before, 'tokyo');
  t.is(c.after, 'frankfurt');
  t.is(c.convergenceMs, 300);
  t.is(c.convergedAtMs, 5300);
  t.is(measureLost(records, 5000, c), 15);
});

test('a client that never moved has no convergence and lost nothing', (t) => {
  const records = timeline(stretch(0, 15000, 'tokyo'));
  const c = measureConvergence(records, 5000, window);
  t.is(c.outcome, 'unaffected');
  t.is(c.after, 'tokyo');
  t.is(c.convergenceMs, null);
  t.is(measureLost(records, 5000, c, 15000), 0);
});

test('a flap back to the old PoP reports the old PoP and the time service resumed stably', (t) => {
  const records = timeline(
    stretch(0, 5200, 'tokyo'),
    stretch(5200, 5500, 'timeout'),
    stretch(5500, 6000, 'frankfurt'),
    stretch(6000, 6100, 'refused'),
    stretch(6100, 12000, 'tokyo'),
  );
  const c = measureConvergence(records, 5000, window);
  t.is(c.outcome, 'returned');
  t.is(c.after, 'tokyo');
  t.is(c.convergenceMs, 1100);
  t.is(measureLost(records, 5000, c), 15 + 5);
});

test('a gap in the probe records neither breaks a stable stretch nor counts as loss', (t) => {
  const records = timeline(
    stretch(0, 5000, 'tokyo'),
    stretch(5000, 5200, 'timeout'),
    // nothing recorded 5200..5800 (probe stalled), then answers from the new PoP with a hole in them
    stretch(5800, 7000, 'frankfurt'),
    stretch(8000, 10000, 'frankfurt'),
  );
  const c = measureConvergence(records, 5000, window);
  t.is(c.outcome, 'moved');
  t.is(c.convergenceMs, 800);
  t.is(measureLost(records, 5000, c), 10);
});

test('failures only: unstable, no convergence, every failure lost', (t) => {
  const records = timeline(stretch(0, 5000, 'tokyo'), stretch(5000, 10000, 'timeout'));
  const c = measureConvergence(records, 5000, { ...window, untilMs: 10000 });
  t.is(c.outcome, 'unstable');
  t.is(c.after, null);
  t.is(c.convergenceMs, null);
  t.is(measureLost(records, 5000, c, 10000), 250);
});

test('a client that never stabilises is unstable', (t) => {
  const flapping = [];
  for (let at = 5000; at < 10000; at += 400) flapping.push(stretch(at, at + 400, at % 800 === 200 ? 'tokyo' : 'frankfurt'));
  const records = timeline(stretch(0, 5000, 'tokyo'), ...flapping);
  const c = measureConvergence(records, 5000, window);
  t.is(c.outcome, 'unstable');
  t.is(c.convergenceMs, null);
});

test('settling later than the interval allows is unstable, settling in time is measured', (t) => {
  const records = timeline(stretch(0, 5000, 'tokyo'), stretch(5000, 14000, 'timeout'), stretch(14000, 30000, 'frankfurt'));
  t.is(measureConvergence(records, 5000, { ...window, untilMs: 14500 }).outcome, 'unstable');
  t.is(measureConvergence(records, 5000, { ...window, untilMs: 20000 }).convergenceMs, 9000);
});

test('the interval ends at untilMs: a revert after it does not count as a return', (t) => {
  const records = timeline(stretch(0, 5000, 'tokyo'), stretch(5000, 20000, 'frankfurt'), stretch(20000, 25000, 'tokyo'));
  const c = measureConvergence(records, 5000, { ...window, untilMs: 20000 });
  t.is(c.outcome, 'moved');
  t.is(c.convergenceMs, 0);
});

test('no records, or none after the fault, does not throw', (t) => {
  t.is(measureConvergence([], 5000, window).outcome, 'no-data');
  const c = measureConvergence(timeline(stretch(0, 4000, 'tokyo')), 5000, window);
  t.is(c.outcome, 'no-data');
  t.is(c.before, 'tokyo');
  t.is(measureLost([], 5000, c), 0);
});

test('records out of send order are measured as if sorted', (t) => {
  const records = timeline(stretch(0, 5000, 'tokyo'), stretch(5000, 5300, 'reset'), stretch(5300, 8000, 'frankfurt')).reverse();
  t.is(measureConvergence(records, 5000, window).convergenceMs, 300);
});
