import test from 'ava';
import { BlockList } from '../../../../edge-node/src/defense/block-list.ts';

const settings = { capacity: 3, baseMs: 1000, maxMs: 3000, memoryMs: 10_000 };

test('a block holds until it expires', (t) => {
  const blocks = new BlockList(settings);
  const block = blocks.block('198.18.1.1', 'flood', 0);
  t.is(block.untilMs, 1000);
  t.true(blocks.isBlocked('198.18.1.1', 999));
  t.false(blocks.isBlocked('198.18.1.1', 1000));
  t.is(blocks.size, 0, 'an expired block found on lookup is dropped');
});

test('repeat offences double the block, up to the maximum', (t) => {
  const blocks = new BlockList(settings);
  t.is(blocks.block('a', 'x', 0).untilMs - 0, 1000);
  t.is(blocks.block('a', 'x', 2000).untilMs - 2000, 2000);
  t.is(blocks.block('a', 'x', 5000).untilMs - 5000, 3000);
  const forgiven = blocks.block('a', 'x', 5000 + 10_001);
  t.is(forgiven.offences, 1, 'offences older than memoryMs are forgotten');
});

test('expire returns and removes what has run out; capacity bounds memory', (t) => {
  const blocks = new BlockList(settings);
  blocks.block('a', 'x', 0);
  blocks.block('b', 'x', 500);
  t.deepEqual(blocks.expire(1200).map((b) => b.key), ['a']);
  t.deepEqual(blocks.list().map((b) => b.key), ['b']);
  for (const key of ['c', 'd', 'e', 'f']) blocks.block(key, 'x', 600);
  t.is(blocks.size, 3);
});

test('a block adopted from a peer lasts what it says (at most maxMs), counts no offence, never shortens a longer one', (t) => {
  const blocks = new BlockList(settings);
  t.like(blocks.adopt('a', 'peer', 0, 2500), { untilMs: 2500, offences: 0 });
  t.is(blocks.adopt('a', 'peer', 100, 1000), undefined, 'a shorter one changes nothing');
  t.like(blocks.adopt('b', 'peer', 0, 60_000), { untilMs: 3000 });
  t.is(blocks.block('a', 'x', 200).offences, 1, 'its own first offence is still a first');
});
