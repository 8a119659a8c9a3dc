import test from 'ava';
import { Feed } from '../../../orchestrator/src/dashboard/feed.ts';
import { ReplayFeed } from '../../../orchestrator/src/dashboard/replay-feed.ts';
import { replayFrames } from '../../../orchestrator/src/dashboard/replay-frames.ts';
import { parseRunReport } from '../../../orchestrator/src/report/read-run-report.ts';
import { buildTopologyGraph } from '../../../orchestrator/src/graph/topology-graph.ts';
import { buildRunReport } from '../../../orchestrator/src/report/build-run-report.ts';
import { shippedTopology } from '../../helpers/topologies.ts';
import { run, scenario, START } from '../report/run-fixture.ts';

const graph = buildTopologyGraph(await shippedTopology('mini'));
const report = buildRunReport({ scenario, timeline: run, results: [], pops: ['west', 'east'] });

test('a replay: one frame per step over the run, the catchment and the fault as they were', (t) => {
  const frames = replayFrames(report, graph, 500);
  t.is(frames.length, 20_000 / 500 + 1);
  t.is(frames[0]!.at_ms, START);
  const pop = (ms: number) => frames.find((f) => f.at_ms === START + ms)!.catchment.find((c) => c.client === 'users-west')!.pop;
  t.is(pop(4000), 'west');
  t.is(pop(8000), 'east');
  t.is(pop(15_000), 'west');
  const faults = (ms: number) => frames.find((f) => f.at_ms === START + ms)!.faults.map((f) => f.kind);
  t.deepEqual(faults(4000), []);
  t.deepEqual(faults(6000), ['pop-crash']);
  t.deepEqual(faults(13_000), []);
  const link = (ms: number) => frames.find((f) => f.at_ms === START + ms)!.links.find((l) => l.link === 't-west--west')?.state;
  t.is(link(1000), 'established');
  t.is(link(6000), 'down');
});

test('a replay played into a feed marks the fault, the move and the revert, with the move timed from the fault', (t) => {
  const feed = new Feed();
  for (const frame of replayFrames(report, graph, 100)) feed.publish(frame);
  const kinds = feed.marks.map((m) => m.kind);
  t.true(kinds.includes('fault'));
  t.true(kinds.includes('revert'));
  const move = feed.marks.find((m) => m.kind === 'catchment' && m.client === 'users-west' && m.to === 'east');
  t.truthy(move);
  t.true(move!.since_fault_ms! >= 300 && move!.since_fault_ms! <= 2000, String(move!.since_fault_ms));
});

test('a replay plays its frames into the feed, then ends it', async (t) => {
  const feed = new Feed();
  const replay = new ReplayFeed(replayFrames(report, graph, 5000), feed, 100);
  replay.start();
  t.teardown(() => replay.stop());
  await new Promise<void>((resolve) => feed.listen((e) => e.type === 'end' && resolve()));
  t.is(feed.snapshot?.at_ms, START + 20_000, 'the last frame is the run\'s end');
});

test('a report from before attacks were recorded replays without them; a negative duration is not a report', (t) => {
  const { attacks: _attacks, ...old } = report;
  const frames = replayFrames(old as typeof report, graph, 1000);
  t.is(frames.length, 21);
  t.true(frames.every((f) => f.attacks.length === 0));
  const text = JSON.stringify({ ...report, duration_ms: -5 });
  t.throws(() => parseRunReport(text, 'bad.json'), { message: /duration_ms \(a number of ms, 0 or more\)/ });
});
