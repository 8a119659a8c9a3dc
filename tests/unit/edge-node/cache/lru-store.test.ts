import test from 'ava';
import { LruStore } from '../../../../edge-node/src/cache/lru-store.ts';

function store(maxBytes: number) {
  const events = { evicted: 0, bytes: 0, objects: 0 };
  const lru = new LruStore<string>(maxBytes, (_key, v) => v.length, {
    onEvict: (n) => (events.evicted += n),
    onSizeChange: (bytes, objects) => Object.assign(events, { bytes, objects }),
  });
  return { lru, events };
}

test('the least recently used entry is evicted first to stay within the bound', (t) => {
  const { lru, events } = store(10);
  lru.set('a', 'xxxx');
  lru.set('b', 'xxxx');
  lru.get('a');
  lru.set('c', 'xxxx');
  t.is(lru.get('b'), undefined, 'b was least recently used');
  t.is(lru.get('a'), 'xxxx');
  t.is(lru.get('c'), 'xxxx');
  t.deepEqual(events, { evicted: 1, bytes: 8, objects: 2 });
});

test('a hit buys one second chance, not immunity (CLOCK)', (t) => {
  const { lru } = store(10);
  lru.set('a', 'xxxx');
  lru.set('b', 'xxxx');
  lru.get('a');
  lru.set('c', 'xxxx');
  t.is(lru.get('b'), undefined, 'b goes first: a was used');
  lru.set('d', 'xxxx');
  lru.set('e', 'xxxx');
  t.deepEqual(['a', 'c', 'd', 'e'].map((k) => lru.get(k) !== undefined), [false, false, true, true]);
});

test('replacing a key frees its old size; an entry larger than the bound is refused', (t) => {
  const { lru, events } = store(10);
  lru.set('a', 'xxxxxx');
  lru.set('a', 'xx');
  t.is(lru.bytes, 2);
  t.false(lru.set('big', 'x'.repeat(11)));
  t.is(lru.count, 1);
  lru.delete('a');
  t.deepEqual(events, { evicted: 0, bytes: 0, objects: 0 });
});
