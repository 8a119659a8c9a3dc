import test from 'ava';
import { waitForTrafficToMove } from '../../../../edge-node/src/announce/drain-wait.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

const settings = { quietMs: 1000, maxMs: 5000, pollMs: 100 };

test('traffic has moved once nothing is in flight and nothing arrived for the quiet period', async (t) => {
  const clock = new FakeClock(0);
  // Requests keep arriving until 1.4 s after GSHUT; the last ones finish at 1.7 s.
  const traffic = { inFlight: () => (clock.ms < 1700 ? 3 : 0), lastRequestMs: () => Math.min(clock.ms, 1400) };
  const result = await waitForTrafficToMove(traffic, settings, clock.now, clock.sleep, new AbortController().signal);
  t.deepEqual(result, { outcome: 'quiet', waitedMs: 2400 });
});

test('the quiet period counts from the start at the earliest, leaving BGP time to propagate', async (t) => {
  const clock = new FakeClock(50_000);
  const traffic = { inFlight: () => 0, lastRequestMs: () => 0 };
  const result = await waitForTrafficToMove(traffic, settings, clock.now, clock.sleep, new AbortController().signal);
  t.deepEqual(result, { outcome: 'quiet', waitedMs: 1000 });
});

test('traffic that never stops ends the wait at the limit; an abort ends it at once', async (t) => {
  const clock = new FakeClock(0);
  const busy = { inFlight: () => 1, lastRequestMs: () => clock.ms };
  t.deepEqual(await waitForTrafficToMove(busy, settings, clock.now, clock.sleep, new AbortController().signal), {
    outcome: 'timeout',
    waitedMs: 5000,
  });
  const abort = new AbortController();
  abort.abort();
  t.is((await waitForTrafficToMove(busy, settings, clock.now, clock.sleep, abort.signal)).outcome, 'cancelled');
});
