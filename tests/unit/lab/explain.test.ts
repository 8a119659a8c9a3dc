import { readFileSync } from 'node:fs';
import test from 'ava';
import { parseRouteHop } from '../../../orchestrator/src/lab/explain.ts';
import { renderExplanation } from '../../../orchestrator/src/cli/commands/explain.ts';
import { ROOT } from '../../helpers/topologies.ts';

// Captured from FRR 8.4 in a running mini lab (`show ip bgp 198.51.100.10 json`).
const transit = readFileSync(`${ROOT}tests/fixtures/frr-route-t-west.json`, 'utf8');
const pop = readFileSync(`${ROOT}tests/fixtures/frr-route-pop-west.json`, 'utf8');
const nodes = new Map([
  ['198.19.225.11', 'west'],
  ['198.19.225.3', 't-east'],
  ['198.19.226.11', 'west-edge-1'],
  ['198.19.226.12', 'west-edge-2'],
]);

test('a transit prefers the shorter AS path and says so', (t) => {
  const hop = parseRouteHop('t-west', transit, (ip) => nodes.get(ip));
  t.is(hop.prefix, '198.51.100.0/24');
  t.is(hop.paths[0]!.best, true);
  t.is(hop.paths[0]!.asPath, '64500');
  t.is(hop.paths[0]!.reason, 'AS Path');
  t.is(hop.paths[0]!.via, 'west');
  t.deepEqual(hop.paths.slice(1).map((p) => [p.asPath, p.best]), [['65020 64500', false]]);
});

test('the PoP router spreads the service /32 over its servers', (t) => {
  const hop = parseRouteHop('west', pop, (ip) => nodes.get(ip));
  t.is(hop.prefix, '198.51.100.10/32');
  t.deepEqual(hop.paths.map((p) => p.via).sort(), ['west-edge-1', 'west-edge-2']);
  t.true(hop.paths.every((p) => p.best || p.multipath));
  t.regex(renderExplanation('users-west', '198.51.100.10', [hop]), /lands on PoP west[\s\S]*ECMP over 2/);
});

test('no route: the explanation says where traffic is dropped', (t) => {
  const hop = parseRouteHop('users-west', '{}', () => undefined);
  t.deepEqual(hop.paths, []);
  t.regex(renderExplanation('users-west', '198.51.100.10', [hop]), /does not reach any PoP[\s\S]*no route/);
});
