import test from 'ava';
import { BoundedMap } from '../../../../edge-node/src/defense/bounded-map.ts';

test('a full map forgets its oldest entry, never grows', (t) => {
  const map = new BoundedMap<string, number>(2);
  map.set('a', 1);
  map.set('b', 2);
  map.set('a', 3);
  t.is(map.size, 2, 'updating a key does not evict');
  map.set('c', 4);
  t.is(map.size, 2);
  t.is(map.get('a'), undefined);
  t.deepEqual([...map.entries()], [['b', 2], ['c', 4]]);
});
