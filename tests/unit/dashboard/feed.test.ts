import test from 'ava';
import type { Snapshot } from '../../../orchestrator/src/dashboard/dashboard-api.ts';
import { Feed, MAX_MARKS, type FeedEvent } from '../../../orchestrator/src/dashboard/feed.ts';

const base: Snapshot = { at_ms: 0, catchment: [], links: [], down_nodes: [], pops: [], faults: [], attacks: [], prometheus_url: null };

test('a feed sends marks, then the snapshot when it changed; not when only its time did', (t) => {
  const feed = new Feed();
  const heard: FeedEvent[] = [];
  const stop = feed.listen((e) => heard.push(e));
  feed.publish(base);
  feed.publish({ ...base, at_ms: 10 });
  feed.publish({ ...base, at_ms: 20, faults: [{ id: 'f1', kind: 'pop-crash', target: 'west' }] });
  t.deepEqual(heard.map((e) => e.type), ['snapshot', 'mark', 'snapshot']);
  t.is(feed.snapshot?.at_ms, 20);
  t.is(feed.marks.length, 1);
  stop();
  feed.publish(base);
  t.is(heard.length, 3, 'a listener that stopped hears nothing');
});

test('a feed keeps at most MAX_MARKS marks, the newest', (t) => {
  const feed = new Feed();
  for (let i = 0; i < MAX_MARKS + 5; i += 1) feed.addMark({ at_ms: i, kind: 'bgp', text: String(i) });
  t.is(feed.marks.length, MAX_MARKS);
  t.is(feed.marks[0]!.at_ms, 5);
});

test('a feed keeps one load point a second, and says when it ended', (t) => {
  const feed = new Feed();
  const heard: FeedEvent[] = [];
  feed.listen((e) => heard.push(e));
  for (let ms = 0; ms < 3000; ms += 250) feed.publish({ ...base, at_ms: ms });
  t.deepEqual(feed.loads.map((p) => p.at_ms), [0, 1000, 2000]);
  t.false(feed.ended);
  feed.end();
  t.true(feed.ended);
  t.is(heard.at(-1)?.type, 'end');
});
