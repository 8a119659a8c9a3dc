import test from 'ava';
import { LABEL } from '../../../contracts/labels.ts';
import { Feed } from '../../../orchestrator/src/dashboard/feed.ts';
import { LiveLabFeed } from '../../../orchestrator/src/dashboard/live-lab-feed.ts';
import { buildTopologyGraph } from '../../../orchestrator/src/graph/topology-graph.ts';
import type { ContainerRuntime, ObservedContainer } from '../../../orchestrator/src/runtime/runtime.ts';
import { shippedTopology } from '../../helpers/topologies.ts';

/** Waits for the feed to publish what is asked (the feed reads every second; a loaded machine may take longer). */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within 60 s: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const graph = buildTopologyGraph(await shippedTopology('mini'));
const LAB = 'unit-live-feed-no-such-lab';

function container(node: string, role: string, state: ObservedContainer['state'] = 'running'): ObservedContainer {
  return { id: node, name: `${LAB}-${node}`, state, labels: { [LABEL.lab]: LAB, [LABEL.node]: node, [LABEL.role]: role }, imageId: 'x', addresses: {} };
}

/** A runtime whose container list is what the test says; every exec fails (no router answers). */
function fakeRuntime(list: () => ObservedContainer[]): ContainerRuntime {
  return {
    listContainers: async () => list(),
    exec: async () => {
      throw new Error('no engine in unit tests');
    },
  } as unknown as ContainerRuntime;
}

test('a node is down while its container is stopped, and stays down when the lab is removed (not "back")', async (t) => {
  let containers = [container('west', 'pop'), container('east', 'pop')];
  const feed = new Feed();
  const live = new LiveLabFeed(fakeRuntime(() => containers), LAB, graph, feed);
  await live.start();
  t.teardown(() => live.stop());
  t.deepEqual(feed.snapshot?.down_nodes, []);
  containers = [container('west', 'pop', 'paused'), container('east', 'pop')];
  await until(() => feed.snapshot?.down_nodes.length === 1, 'west down');
  t.deepEqual(feed.snapshot?.down_nodes, ['west']);
  containers = [];
  await until(() => feed.snapshot?.down_nodes.length === 2, 'both down');
  t.deepEqual(feed.snapshot?.down_nodes, ['east', 'west']);
  const nodeMarks = feed.marks.filter((m) => m.kind === 'node').map((m) => m.text);
  t.deepEqual(nodeMarks, ['west is down', 'east is down']);
  await live.stop();
  const after = feed.marks.length;
  await new Promise((r) => setTimeout(r, 1200));
  t.is(feed.marks.length, after, 'stopped: nothing more is read');
});
