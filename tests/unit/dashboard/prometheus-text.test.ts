import test from 'ava';
import { edgeCountersOf, sumMetric } from '../../../orchestrator/src/dashboard/prometheus-text.ts';

const TEXT = `# HELP edge_requests_total Requests answered.
# TYPE edge_requests_total counter
edge_requests_total{status="200",cache="hit",pop="west",server="west-edge-1"} 120
edge_requests_total{status="502",cache="miss",pop="west",server="west-edge-1"} 3
edge_requests_total_created 1700000000
edge_requests_totals 999
edge_mitigation_actions_total{action="block"} 40
edge_mitigation_actions_total{action="rate-limit"} 2.5
edge_kernel_dropped_packets_total 7
edge_weird{label="} 5"} NaN
edge_braces{label="a}b"} 5
`;

test('sums a metric over its label sets, not metrics whose name only starts the same', (t) => {
  t.is(sumMetric(TEXT, 'edge_requests_total'), 123);
  t.is(sumMetric(TEXT, 'edge_weird'), 0, 'a value that is not a number is skipped');
  t.is(sumMetric(TEXT, 'edge_braces'), 5, 'a } inside a label value does not end the labels');
  t.is(sumMetric('', 'edge_requests_total'), 0);
});

test('edge counters: requests answered; refused requests plus dropped packets', (t) => {
  t.deepEqual(edgeCountersOf(TEXT), { requests: 123, blocked: 49.5 });
});
