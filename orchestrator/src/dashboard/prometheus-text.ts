/**
 * Sums of metrics in Prometheus' text format (what the edges' /metrics answers), over every label
 * set: `edge_requests_total{status="200",cache="hit"} 12` and `edge_requests_total 3` both count.
 * Comments, other metrics and values that are not numbers are skipped.
 */
export function sumMetric(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    const valueText = rest[0] === '{' ? rest.slice(rest.lastIndexOf('}') + 1) : rest;
    const value = Number(valueText.trim().split(/\s+/)[0]);
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}

/** The edge counters the dashboard draws: requests answered, and requests refused plus packets dropped by the defence. */
export function edgeCountersOf(text: string): { requests: number; blocked: number } {
  return {
    requests: sumMetric(text, 'edge_requests_total'),
    blocked: sumMetric(text, 'edge_mitigation_actions_total') + sumMetric(text, 'edge_kernel_dropped_packets_total'),
  };
}
