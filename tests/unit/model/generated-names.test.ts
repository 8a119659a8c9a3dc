import { readFileSync } from 'node:fs';
import test from 'ava';
import { InputInvalidError } from '../../../orchestrator/src/errors.ts';
import type { SourceIssue } from '../../../orchestrator/src/errors.ts';
import { parseTopology } from '../../../orchestrator/src/model/topology.ts';

/** tests/fixtures/topologies/base.yaml with lines replaced (numbered from 1); lines past its end are appended. */
const BASE = readFileSync(new URL('../../fixtures/topologies/base.yaml', import.meta.url), 'utf8').trimEnd().split('\n');
const FILE = '/labs/collide.yaml';

function issuesOf(lines: Record<number, string>): SourceIssue[] {
  const text = [...BASE];
  for (const [n, line] of Object.entries(lines)) text[Number(n) - 1] = line;
  try {
    parseTopology(text.map((l) => l ?? '').join('\n'), FILE);
  } catch (error) {
    if (error instanceof InputInvalidError) return [...error.issues];
    throw error;
  }
  return [];
}

/** The one issue names both sources: its own place, and the other's file:line:col in its message. */
function assertBothPlaces(t: import('ava').ExecutionContext, issues: SourceIssue[], here: [number, number], there: [number, number], what: RegExp): void {
  t.is(issues.length, 1, issues.map((i) => i.message).join('\n'));
  const [issue] = issues;
  t.deepEqual([issue!.file, issue!.line, issue!.column], [FILE, ...here]);
  t.true(issue!.message.includes(`${FILE}:${there[0]}:${there[1]}`), issue!.message);
  t.regex(issue!.message, what);
}

test('a transit named like an edge server of a PoP is refused, with both places', (t) => {
  const issues = issuesOf({ 13: '  - { name: west-edge-1, asn: 65010 }', 16: '  - { between: [west-edge-1, t-east] }', 18: '  - { name: west, upstreams: [west-edge-1], servers: 2 }', 21: '  - { name: users-west, asn: 65110, upstream: west-edge-1, probes: 1 }' });
  assertBothPlaces(t, issues, [18, 13], [13, 13], /container "west-edge-1" would be made twice: for edge server west-edge-1 of west and for transit west-edge-1/);
});

test('a botnet whose bot is named like a transit is refused, with both places', (t) => {
  const issues = issuesOf({ 14: '  - { name: bn-1, asn: 65020 }', 16: '  - { between: [t-west, bn-1] }', 19: '  - { name: east, upstreams: [bn-1], servers: 2, parent: west }', 22: '  - { name: users-east, asn: 65120, upstream: bn-1 }', 23: 'origin: { name: origin, upstream: bn-1 }', 25: '  - { name: bn, client: users-west, bots: 1, sources: 32 }' });
  assertBothPlaces(t, issues, [25, 13], [14, 13], /container "bn-1" would be made twice: for bot bn-1 of bn and for transit bn-1/);
});

test('two links whose names join to the same network name are refused, with both places', (t) => {
  // transits a--b and c, a and b--c: both links would be the network a--b--c.
  const issues = issuesOf({
    13: '  - { name: a--b, asn: 65010 }\n  - { name: c, asn: 65020 }\n  - { name: a, asn: 65030 }\n  - { name: b--c, asn: 65040 }',
    14: '',
    16: '  - { between: [a--b, c] }\n  - { between: [a, b--c] }\n  - { between: [a--b, a] }',
    18: '  - { name: west, upstreams: [a--b], servers: 2 }',
    19: '  - { name: east, upstreams: [c], servers: 2, parent: west }',
    21: '  - { name: users-west, asn: 65110, upstream: a, probes: 1 }',
    22: '  - { name: users-east, asn: 65120, upstream: b--c }',
    23: 'origin: { name: origin, upstream: c }',
  });
  assertBothPlaces(t, issues, [20, 17], [19, 17], /network "a--b--c" would be made twice: for the link between a and b--c and for the link between a--b and c/);
});

test('a LAN key and a link name that coincide are refused', (t) => {
  // The LAN of client network x--y is lan-x--y, the link between transit lan-x and client network y too.
  const issues = issuesOf({ 14: '  - { name: lan-x, asn: 65020 }', 16: '  - { between: [t-west, lan-x] }', 19: '  - { name: east, upstreams: [lan-x], servers: 2, parent: west }', 22: '  - { name: y, asn: 65120, upstream: lan-x }\n  - { name: x--y, asn: 65130, upstream: t-west }', 23: 'origin: { name: origin, upstream: lan-x }' });
  t.is(issues.length, 1, issues.map((i) => i.message).join('\n'));
  t.regex(issues[0]!.message, /network "lan-x--y" would be made twice: for the LAN of x--y and for the link between lan-x and y \(\/labs\/collide\.yaml:22:/);
});

test('a node named like the host-firewall helper container is refused', (t) => {
  const issues = issuesOf({ 23: 'origin: { name: bridges, upstream: t-east }' });
  t.is(issues.length, 1);
  t.like(issues[0], { line: 23, column: 17, path: 'origin.name' });
  t.regex(issues[0]!.message, /"bridges" is reserved: it names the lab's host-firewall helper container/);
});

test("a node named like the lab's Prometheus is refused", (t) => {
  const issues = issuesOf({ 23: 'origin: { name: prometheus, upstream: t-east }' });
  t.is(issues.length, 1);
  t.regex(issues[0]!.message, /"prometheus" is reserved: it names the lab's Prometheus \(up --monitoring\)/);
});

test('the shipped-style base topology has no collision', (t) => {
  t.deepEqual(issuesOf({}), []);
});
