import test from 'ava';
import type { KernelFilterView } from '../../../../contracts/edge-admin.ts';
import { EdgeMetrics } from '../../../../edge-node/src/metrics/edge-metrics.ts';
import { sampleValue } from '../helpers/prometheus-text.ts';

const node = { pop: 'tokyo', server: 'edge-1' };

test('every metric carries {pop, server}; requests by status and cache result', async (t) => {
  const metrics = new EdgeMetrics(node);
  metrics.countRequest(200, 'HIT');
  metrics.countRequest(200, 'HIT');
  metrics.countRequest(429, 'NONE');
  metrics.observeDuration('HIT', 0.0004);
  metrics.observeInFlight(() => 3);
  const text = await metrics.registry.metrics();
  t.is(sampleValue(text, 'edge_requests_total', { ...node, status: '200', cache: 'HIT' }), 2);
  t.is(sampleValue(text, 'edge_requests_total', { ...node, status: '429', cache: 'NONE' }), 1);
  t.is(sampleValue(text, 'edge_request_duration_seconds_bucket', { ...node, le: '0.0005', cache: 'HIT' }), 1);
  t.is(sampleValue(text, 'edge_requests_in_flight', node), 3);
  t.not(sampleValue(text, 'nodejs_eventloop_lag_seconds', node), undefined, 'Node default metrics too');
});

test('announcement state is one-hot and changes are counted by state and cause', async (t) => {
  const metrics = new EdgeMetrics(node);
  metrics.countAnnouncementChange('announced', 'health');
  metrics.countAnnouncementChange('draining', 'drain');
  const text = await metrics.registry.metrics();
  t.is(sampleValue(text, 'edge_announcement_state', { ...node, state: 'draining' }), 1);
  t.is(sampleValue(text, 'edge_announcement_state', { ...node, state: 'announced' }), 0);
  t.is(sampleValue(text, 'edge_announcement_changes_total', { ...node, to: 'announced', cause: 'health' }), 1);
});

test('mitigation actions and blocks are counted without any per-address label', async (t) => {
  const metrics = new EdgeMetrics(node);
  metrics.countMitigation('blocked');
  metrics.countMitigation('rate-limited-source');
  metrics.countBlocksAdded('source', 2);
  metrics.setMitigationState(1, 2, 0);
  const text = await metrics.registry.metrics();
  t.is(sampleValue(text, 'edge_mitigation_actions_total', { ...node, action: 'blocked' }), 1);
  t.is(sampleValue(text, 'edge_mitigation_blocks_added_total', { ...node, scope: 'source' }), 2);
  t.is(sampleValue(text, 'edge_mitigation_blocked', { ...node, scope: 'source' }), 2);
  t.is(sampleValue(text, 'edge_mitigation_level', node), 1);
  const edgeLines = text.split('\n').filter((l) => l.startsWith('edge_'));
  t.false(edgeLines.some((l) => /\d+\.\d+\.\d+\.\d+/.test(l)));
});

test('the kernel filter is read at scrape time: drops as counters that follow its totals, rules and a one-hot state', async (t) => {
  const metrics = new EdgeMetrics(node);
  let view: KernelFilterView = { state: 'on', dropped: { packets: 10, bytes: 600 }, ruleCount: 2, rules: [], failures: 0, lastError: null, nextAttemptInMs: null, countersAgeMs: 0 };
  metrics.observeKernelFilter(() => view);
  let text = await metrics.registry.metrics();
  t.is(sampleValue(text, 'edge_kernel_dropped_packets_total', node), 10);
  t.is(sampleValue(text, 'edge_kernel_dropped_bytes_total', node), 600);
  t.is(sampleValue(text, 'edge_kernel_filter_rules', node), 2);
  t.is(sampleValue(text, 'edge_kernel_filter_state', { ...node, state: 'on' }), 1);
  view = { ...view, state: 'retrying', dropped: { packets: 25, bytes: 1500 } };
  text = await metrics.registry.metrics();
  t.is(sampleValue(text, 'edge_kernel_dropped_packets_total', node), 25);
  t.is(sampleValue(text, 'edge_kernel_filter_state', { ...node, state: 'on' }), 0);
  t.is(sampleValue(text, 'edge_kernel_filter_state', { ...node, state: 'retrying' }), 1);
});
