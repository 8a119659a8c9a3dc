import test from 'ava';
import { routeStateFromJson } from '../../../../edge-node/src/announce/bgp-route-state.ts';
import { EdgeError } from '../../../../edge-node/src/errors.ts';

/** Trimmed from FRR 8.4 `show ip bgp 198.51.100.10/32 json`. */
const path = {
  aspath: { string: 'Local', segments: [], length: 0 },
  origin: 'IGP',
  weight: 32768,
  valid: true,
  sourced: true,
  local: true,
  bestpath: { overall: true },
  nexthops: [{ ip: '0.0.0.0', afi: 'ipv4', used: true }],
  peer: { peerId: '0.0.0.0', routerId: '10.255.0.1' },
};

test('no route: FRR prints an empty object', (t) => {
  t.deepEqual(routeStateFromJson({}), { originated: false, valid: false, gshut: false });
});

test('a locally originated route, with and without the graceful-shutdown community', (t) => {
  t.deepEqual(routeStateFromJson({ prefix: '198.51.100.10/32', paths: [path] }), { originated: true, valid: true, gshut: false });
  const tagged = { ...path, community: { string: 'graceful-shutdown', list: ['gracefulShutdown'] } };
  t.deepEqual(routeStateFromJson({ paths: [tagged] }), { originated: true, valid: true, gshut: true });
});

test('a route being removed right after `no network` counts as withdrawn', (t) => {
  const removed = { ...path, removed: true, valid: false };
  t.deepEqual(routeStateFromJson({ paths: [removed] }), { originated: false, valid: false, gshut: false });
});

test('a route learned from a peer is not ours; a route failing import-check is not valid', (t) => {
  const learned = { ...path, sourced: undefined, local: undefined, peer: { peerId: '198.18.0.1' } };
  t.false(routeStateFromJson({ paths: [learned] }).originated);
  t.deepEqual(routeStateFromJson({ paths: [{ ...path, valid: false }] }), { originated: true, valid: false, gshut: false });
});

test('output that is not the expected JSON shape is a typed error', (t) => {
  t.throws(() => routeStateFromJson('nope'), { instanceOf: EdgeError, message: /expected an object/ });
  t.throws(() => routeStateFromJson({ paths: 'x' }), { instanceOf: EdgeError, message: /"paths" is not an array/ });
});
