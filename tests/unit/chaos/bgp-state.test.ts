import test from 'ava';
import { routeInTable } from '../../../orchestrator/src/chaos/bgp-state.ts';

test('a route is present when FRR shows the exact prefix with at least one path', (t) => {
  t.true(routeInTable(JSON.stringify({ prefix: '198.51.100.0/24', paths: [{ valid: true }] }), '198.51.100.0/24'));
  t.false(routeInTable(JSON.stringify({ prefix: '198.51.100.0/24', paths: [] }), '198.51.100.0/24'));
  t.false(routeInTable(JSON.stringify({}), '198.51.100.0/24'));
  t.false(routeInTable(JSON.stringify({ warning: 'Network not in table' }), '198.51.100.10/32'));
  t.false(routeInTable(JSON.stringify({ prefix: '198.51.100.0/24', paths: [{}] }), '198.51.100.10/32'));
});
