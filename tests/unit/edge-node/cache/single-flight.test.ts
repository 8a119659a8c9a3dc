import test from 'ava';
import { SingleFlight } from '../../../../edge-node/src/cache/single-flight.ts';

test('concurrent calls for one key share one run; the key is free again afterwards', async (t) => {
  const flights = new SingleFlight<number>();
  let runs = 0;
  let release!: (v: number) => void;
  const work = () => {
    runs++;
    return new Promise<number>((resolve) => (release = resolve));
  };
  const first = flights.run('k', work);
  const second = flights.run('k', work);
  const other = flights.run('other', async () => 7);
  t.true(first.leader);
  t.false(second.leader);
  t.is(runs, 1);
  release(42);
  t.deepEqual(await Promise.all([first.promise, second.promise, other.promise]), [42, 42, 7]);
  t.is(flights.size, 0);
  t.true(flights.run('k', async () => 1).leader);
});

test('a failure reaches every waiter and does not stick', async (t) => {
  const flights = new SingleFlight<number>();
  const a = flights.run('k', async () => Promise.reject(new Error('boom')));
  const b = flights.run('k', async () => 1);
  await t.throwsAsync(a.promise, { message: 'boom' });
  await t.throwsAsync(b.promise, { message: 'boom' });
  t.is(await flights.run('k', async () => 2).promise, 2);
});
