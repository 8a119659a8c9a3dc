import test from 'ava';
import { AnycastLabError } from '../../../orchestrator/src/errors.ts';
import { errorsAsMissing, notYet, ready, waitFor, WaitTimeoutError, type WaitClock } from '../../../orchestrator/src/wait/wait-for.ts';

/** A clock that only moves when the waiting sleeps: the tests take no real time. */
function fakeClock(): WaitClock & { readonly sleeps: number[] } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

test('checks until ready, an interval apart, and returns the value', async (t) => {
  const clock = fakeClock();
  let checks = 0;
  const value = await waitFor(async () => (++checks < 3 ? notYet(`check ${checks}`) : ready('up')), { what: 'x', timeoutMs: 10_000, intervalMs: 500, clock });
  t.is(value, 'up');
  t.is(checks, 3);
  t.deepEqual(clock.sleeps, [500, 500]);
});

test('on timeout it says what it waited for and what was still missing; the last check comes at the timeout', async (t) => {
  const clock = fakeClock();
  const seen: number[] = [];
  const error = await t.throwsAsync(
    waitFor(async (waitedMs) => (seen.push(waitedMs), notYet(['t-asia: BGP Idle', 'tokyo: not configured'])), { what: 'lab x to be ready', timeoutMs: 1200, intervalMs: 500, clock }),
    { instanceOf: WaitTimeoutError },
  );
  t.deepEqual(seen, [0, 500, 1000, 1200]);
  t.is(error.code, 'LAB_NOT_READY');
  t.deepEqual(error.missing, ['t-asia: BGP Idle', 'tokyo: not configured']);
  t.regex(error.message, /lab x to be ready after 1\.2 s; still missing: t-asia: BGP Idle; tokyo: not configured/);
});

const isInterrupted = (error: unknown): boolean => error instanceof AnycastLabError && error.code === 'INTERRUPTED';

test('onTimeout turns the timeout into a value or an error of its own; onPending sees every miss', async (t) => {
  const clock = fakeClock();
  const pending: string[] = [];
  const value = await waitFor(async () => notYet('slow'), { what: 'x', timeoutMs: 1000, intervalMs: 400, clock, onPending: (m, ms) => pending.push(`${m}@${ms}`), onTimeout: (m, ms) => `gave up at ${ms} (${m})` });
  t.is(value, 'gave up at 1000 (slow)');
  t.deepEqual(pending, ['slow@0', 'slow@400', 'slow@800']);
});

test('errorsAsMissing: a check that throws is not ready yet, and its message is what is missing', async (t) => {
  const clock = fakeClock();
  let calls = 0;
  const check = errorsAsMissing(async () => {
    if (++calls === 1) throw new Error('agent does not answer');
    return ready(calls);
  });
  t.is(await waitFor(check, { what: 'x', timeoutMs: 1000, intervalMs: 100, clock }), 2);
  await t.throwsAsync(waitFor(errorsAsMissing(async () => Promise.reject(new Error('refused'))), { what: 'y', timeoutMs: 100, intervalMs: 100, clock }), { message: /still missing: refused/ });
});

test('an aborted signal stops the wait with INTERRUPTED, before and during a sleep', async (t) => {
  const aborted = AbortSignal.abort();
  const before = await t.throwsAsync(waitFor(async () => notYet('x'), { what: 'x', timeoutMs: 60_000, intervalMs: 10, signal: aborted }));
  t.true(isInterrupted(before));
  const abort = new AbortController();
  const during = waitFor(async () => notYet('x'), { what: 'x', timeoutMs: 60_000, intervalMs: 60_000, signal: abort.signal });
  setTimeout(() => abort.abort(), 10);
  t.true(isInterrupted(await t.throwsAsync(during)));
});
