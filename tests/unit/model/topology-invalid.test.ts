import { readFileSync } from 'node:fs';
import test from 'ava';
import { InputInvalidError } from '../../../orchestrator/src/errors.ts';
import type { SourceIssue } from '../../../orchestrator/src/errors.ts';
import { parseTopology } from '../../../orchestrator/src/model/topology.ts';

/** A valid topology of 25 lines; each case below changes some of its lines (numbered from 1). */
const BASE = readFileSync(new URL('../../fixtures/topologies/base.yaml', import.meta.url), 'utf8').trimEnd().split('\n');

/** The base with lines replaced; lines past its end are appended. */
function edit(lines: Record<number, string>): string {
  const result = [...BASE];
  for (const [number, text] of Object.entries(lines)) result[Number(number) - 1] = text;
  return result.map((line) => line ?? '').join('\n') + '\n';
}

interface BadCase {
  readonly title: string;
  readonly text: string;
  readonly line: number;
  /** The column, or text on that line whose first character is at the expected column. */
  readonly column: number | string;
  readonly path: string;
  readonly message: string;
  /** How many issues the file has in all. */
  readonly issues?: number;
}

const manyPops = Array.from({ length: 28 }, (_, i) => `{ name: p${i}, upstreams: [t-west], servers: 8 }`).join(', ');

const cases: BadCase[] = [
  { title: 'not YAML at all', text: 'lab: broken\nedge: { asn: 64500\n', line: 3, column: 1, path: '', message: 'not valid YAML' },
  { title: 'an empty file', text: '', line: 1, column: 1, path: '', message: 'the file is empty' },
  { title: 'a file of comments only', text: '# nothing yet\n', line: 1, column: 1, path: '', message: 'the file is empty' },
  { title: 'a list at the top', text: '- lab: test\n', line: 1, column: 1, path: '', message: 'expected a map (keys: lab, edge,' },
  { title: 'a scalar at the top', text: 'hello\n', line: 1, column: 1, path: '', message: 'got "hello"' },
  { title: 'a list where a map belongs', text: edit({ 9: 'edge: [64500]', 10: '', 11: '' }), line: 9, column: '[', path: 'edge', message: 'expected a map (keys: asn, server-asn), got a list' },
  { title: 'a map where a list belongs', text: edit({ 24: 'botnet: { name: bots-west, client: users-west }', 25: '' }), line: 24, column: '{', path: 'botnet', message: 'expected a list of botnets, got a map' },
  { title: 'an unknown key', text: edit({ 26: 'colour: blue' }), line: 26, column: 1, path: 'colour', message: 'unknown key "colour" for a topology (expected one of: lab, edge,' },
  { title: 'a misspelt key', text: edit({ 18: '  - { name: west, upstreams: [t-west], sevrers: 2 }' }), line: 18, column: 'sevrers', path: 'pops[0].sevrers', message: 'unknown key "sevrers" for a PoP (did you mean "servers"?)' },
  { title: 'an underscore for a dash in a key', text: edit({ 11: '  server_asn: 64512' }), line: 11, column: 'server_asn', path: 'edge.server_asn', message: 'did you mean "server-asn"?' },
  { title: 'a string where an ASN belongs', text: edit({ 13: '  - { name: t-west, asn: abc }' }), line: 13, column: 'abc', path: 'transits[0].asn', message: 'expected an ASN, a whole number from 1 to 4294967295, got "abc"' },
  { title: 'a number where a string belongs', text: edit({ 13: '  - { name: t-west, asn: 65010, region: 7 }' }), line: 13, column: '7', path: 'transits[0].region', message: 'expected a non-empty string, got 7' },
  { title: 'a string where a boolean belongs', text: edit({ 8: '  bfd: { enabled: yes }' }), line: 8, column: 'yes', path: 'bgp.bfd.enabled', message: 'expected true or false, got "yes"' },
  { title: 'no lab', text: edit({ 1: '' }), line: 2, column: 1, path: 'lab', message: 'missing required key "lab"' },
  { title: 'an invalid lab name', text: edit({ 1: 'lab: My Lab' }), line: 1, column: 'My', path: 'lab', message: 'expected a lab name' },
  { title: 'a required key without a value', text: edit({ 10: '  asn:' }), line: 10, column: 'asn', path: 'edge.asn', message: 'missing a value for required key "asn"' },
  { title: 'a required key missing in an item', text: edit({ 13: '  - { name: t-west }' }), line: 13, column: '{', path: 'transits[0].asn', message: 'missing required key "asn"' },
  { title: 'an empty list item', text: edit({ 25: '  -' }), line: 25, column: 4, path: 'botnet[0]', message: 'expected a botnet, got nothing' },
  { title: 'an invalid node name', text: edit({ 25: '  - { name: Bots, client: users-west }' }), line: 25, column: 'Bots', path: 'botnet[0].name', message: 'expected a name of lowercase letters, digits and "-"' },
  { title: 'no origin', text: edit({ 23: '' }), line: 1, column: 1, path: 'origin', message: 'missing required key "origin"' },
  { title: 'a duplicate node name', text: edit({ 25: '  - { name: west, client: users-west }' }), line: 25, column: 'west', path: 'botnet[0].name', message: 'duplicate name "west": already a PoP (pops[0].name, line 18)' },
  { title: 'a client named like the origin', text: edit({ 22: '  - { name: origin, asn: 65120, upstream: t-east }' }), line: 23, column: 'origin, up', path: 'origin.name', message: 'duplicate name "origin": already a client network' },
  { title: 'a duplicate YAML key', text: edit({ 26: 'lab: other' }), line: 26, column: 1, path: 'lab', message: 'duplicate key "lab" (first given on line 1)' },
  { title: 'a link to an unknown node', text: edit({ 16: '  - { between: [t-west, t-north] }' }), line: 16, column: 't-north', path: 'links[0].between[1]', message: 'unknown transit "t-north" (known: t-west, t-east)' },
  { title: 'a link to a PoP', text: edit({ 16: '  - { between: [t-west, east] }' }), line: 16, column: 'east', path: 'links[0].between[1]', message: '"east" is a PoP, not a transit (known transits: t-west, t-east)' },
  { title: 'a link from a node to itself', text: edit({ 16: '  - { between: [t-west, t-west] }' }), line: 16, column: 't-west]', path: 'links[0].between[1]', message: 'a link from "t-west" to itself' },
  { title: 'a link with one end', text: edit({ 16: '  - { between: [t-west] }' }), line: 16, column: '[', path: 'links[0].between', message: 'expected the two transits the link joins' },
  {
    title: 'a duplicate link',
    text: edit({ 15: 'links: [{ between: [t-west, t-east] }, { between: [t-east, t-west] }]', 16: '' }),
    line: 15,
    column: 't-east, t-west',
    path: 'links[1].between[0]',
    message: 'duplicate link between t-east and t-west (already at links[0].between[0], line 15)',
  },
  { title: 'a duplicate upstream', text: edit({ 18: '  - { name: west, upstreams: [t-west, t-west] }' }), line: 18, column: 't-west]', path: 'pops[0].upstreams[1]', message: 'duplicate upstream "t-west" of PoP west' },
  { title: 'a duplicate transit ASN', text: edit({ 14: '  - { name: t-east, asn: 65010 }' }), line: 14, column: '65010', path: 'transits[1].asn', message: 'ASN 65010 is already used by transit t-west (transits[0].asn, line 13)' },
  { title: 'a client ASN equal to the edge ASN', text: edit({ 21: '  - { name: users-west, asn: 64500, upstream: t-west }' }), line: 21, column: '64500', path: 'clients[0].asn', message: "ASN 64500 is edge.asn, the edge network's AS" },
  { title: 'a client ASN equal to a transit ASN', text: edit({ 21: '  - { name: users-west, asn: 65020, upstream: t-west }' }), line: 21, column: '65020', path: 'clients[0].asn', message: 'ASN 65020 is already used by transit t-east' },
  { title: 'a transit ASN equal to the server ASN', text: edit({ 13: '  - { name: t-west, asn: 64512 }' }), line: 13, column: '64512', path: 'transits[0].asn', message: "edge.server-asn, the edge servers' AS" },
  { title: 'a PoP ASN equal to a transit ASN', text: edit({ 18: '  - { name: west, asn: 65010, upstreams: [t-west] }' }), line: 18, column: '65010', path: 'pops[0].asn', message: 'ASN 65010 belongs to transit t-west' },
  { title: 'the server ASN equal to the edge ASN', text: edit({ 11: '  server-asn: 64500' }), line: 11, column: '64500', path: 'edge.server-asn', message: 'server-asn 64500 equals edge.asn' },
  { title: 'a PoP with an empty list of upstreams', text: edit({ 18: '  - { name: west, upstreams: [] }' }), line: 18, column: '[]', path: 'pops[0].upstreams', message: 'expected at least 1 upstream, got an empty list' },
  { title: 'a PoP without upstreams', text: edit({ 18: '  - { name: west, servers: 2 }' }), line: 18, column: '{', path: 'pops[0].upstreams', message: 'missing required key "upstreams"' },
  { title: 'an unknown upstream', text: edit({ 19: '  - { name: east, upstreams: [{ transit: t-mars }] }' }), line: 19, column: 't-mars', path: 'pops[1].upstreams[0].transit', message: 'unknown transit "t-mars" (known: t-west, t-east)' },
  { title: 'a misspelt upstream', text: edit({ 21: '  - { name: users-west, asn: 65110, upstream: t-wset }' }), line: 21, column: 't-wset', path: 'clients[0].upstream', message: 'unknown transit "t-wset" (did you mean "t-west"? known: t-west, t-east)' },
  { title: 'a client network as an upstream', text: edit({ 23: 'origin: { upstream: users-east }' }), line: 23, column: 'users-east', path: 'origin.upstream', message: '"users-east" is a client network, not a transit' },
  { title: 'an upstream that is a list', text: edit({ 21: '  - { name: users-west, asn: 65110, upstream: [t-west] }' }), line: 21, column: '[', path: 'clients[0].upstream', message: 'expected a transit name or a map (keys: transit, delay, jitter, loss, rate, mechanism), got a list' },
  { title: 'the pool overlapping the anycast prefix', text: edit({ 4: '  anycast: 198.18.100.0/24', 5: '' }), line: 4, column: '198', path: 'addressing.anycast', message: 'the anycast prefix 198.18.100.0/24 overlaps the pool 198.18.0.0/16' },
  { title: 'the pool in a forbidden range', text: edit({ 3: '  pool: 192.0.0.0/16' }), line: 3, column: '192', path: 'addressing.pool', message: 'overlaps 192.0.2.0/24, which this machine uses itself' },
  { title: 'the anycast prefix in a forbidden range', text: edit({ 4: '  anycast: 203.0.113.0/24', 5: '' }), line: 4, column: '203', path: 'addressing.anycast', message: 'overlaps 203.0.113.0/24' },
  { title: 'a service address outside the anycast prefix', text: edit({ 5: '  service: 198.51.101.10' }), line: 5, column: '198', path: 'addressing.service', message: 'the service address 198.51.101.10 is outside the anycast prefix 198.51.100.0/24' },
  { title: 'the service address on the network address', text: edit({ 5: '  service: 198.51.100.0' }), line: 5, column: '198', path: 'addressing.service', message: 'is the network or broadcast address of 198.51.100.0/24' },
  { title: 'the service address on the broadcast address', text: edit({ 5: '  service: 198.51.100.255' }), line: 5, column: '198', path: 'addressing.service', message: 'network or broadcast' },
  { title: 'an anycast prefix too small for the default service address', text: edit({ 4: '  anycast: 198.51.100.0/29', 5: '' }), line: 3, column: 'pool', path: 'addressing.service', message: 'the service address 198.51.100.10 is outside the anycast prefix 198.51.100.0/29' },
  { title: 'a prefix with host bits set', text: edit({ 3: '  pool: 198.18.0.1/16' }), line: 3, column: '198', path: 'addressing.pool', message: 'expected an IPv4 prefix like 198.18.0.0/16, got "198.18.0.1/16" (host bits are set; the network is 198.18.0.0/16)' },
  { title: 'a prefix without a length', text: edit({ 3: '  pool: 198.18.0.0' }), line: 3, column: '198', path: 'addressing.pool', message: 'expected an IPv4 prefix' },
  { title: 'a pool smaller than /22', text: edit({ 3: '  pool: 198.18.0.0/24' }), line: 3, column: '198', path: 'addressing.pool', message: 'expected a pool of /15 to /22' },
  { title: 'a pool larger than /15', text: edit({ 3: '  pool: 198.16.0.0/14' }), line: 3, column: '198', path: 'addressing.pool', message: 'got /14' },
  { title: 'an invalid service address', text: edit({ 5: '  service: 198.51.100.300' }), line: 5, column: '198', path: 'addressing.service', message: 'expected an IPv4 address' },
  { title: 'jitter larger than the delay', text: edit({ 16: '  - { between: [t-west, t-east], delay: 2ms, jitter: 5ms }' }), line: 16, column: '5ms', path: 'links[0].jitter', message: 'jitter 5 ms is larger than the delay 2 ms; keep jitter <= delay' },
  { title: 'an unknown link mechanism', text: edit({ 16: '  - { between: [t-west, t-east], delay: 20ms, mechanism: tunnel }' }), line: 16, column: 'tunnel', path: 'links[0].mechanism', message: 'expected one of auto, netem, wire' },
  { title: 'a duration without a unit', text: edit({ 16: '  - { between: [t-west, t-east], delay: 20 }' }), line: 16, column: '20', path: 'links[0].delay', message: 'expected a duration from 0ms to 10s, such as 500ms or 2s, got 20' },
  { title: 'jitter without delay', text: edit({ 16: '  - { between: [t-west, t-east], jitter: 2ms }' }), line: 16, column: '2ms', path: 'links[0].jitter', message: 'jitter needs a delay' },
  { title: 'loss over 100%', text: edit({ 16: '  - { between: [t-west, t-east], loss: 120% }' }), line: 16, column: '120', path: 'links[0].loss', message: 'expected a percentage from 0% to 100%, such as 20%, got "120%"' },
  { title: 'a rate without a known unit', text: edit({ 22: '  - { name: users-east, asn: 65120, upstream: { transit: t-east, rate: 10mb } }' }), line: 22, column: '10mb', path: 'clients[1].upstream.rate', message: 'expected a bit rate from 1kbit to 10gbit, such as 500kbit or 10mbit' },
  { title: 'too many servers', text: edit({ 18: '  - { name: west, upstreams: [t-west], servers: 9 }' }), line: 18, column: '9', path: 'pops[0].servers', message: 'expected a whole number from 1 to 8, got 9' },
  { title: 'no probes', text: edit({ 21: '  - { name: users-west, asn: 65110, upstream: t-west, probes: 0 }' }), line: 21, column: '0 }', path: 'clients[0].probes', message: 'expected a whole number from 1 to 8, got 0' },
  { title: 'an unknown parent', text: edit({ 19: '  - { name: east, upstreams: [t-east], parent: north }' }), line: 19, column: 'north', path: 'pops[1].parent', message: 'unknown PoP "north" (known: west, east)' },
  { title: 'a PoP its own parent', text: edit({ 19: '  - { name: east, upstreams: [t-east], parent: east }' }), line: 19, column: 'east }', path: 'pops[1].parent', message: 'a PoP cannot be its own parent' },
  { title: 'a parent cycle', text: edit({ 18: '  - { name: west, upstreams: [t-west], parent: east }' }), line: 18, column: 'east', path: 'pops[0].parent', message: 'parents form a loop: west -> east -> west' },
  { title: 'a botnet in an unknown client network', text: edit({ 25: '  - { name: bots-west, client: users-north }' }), line: 25, column: 'users-north', path: 'botnet[0].client', message: 'unknown client network "users-north" (known: users-west, users-east)' },
  { title: 'a botnet in a transit', text: edit({ 25: '  - { name: bots-west, client: t-west }' }), line: 25, column: 't-west', path: 'botnet[0].client', message: '"t-west" is a transit, not a client network' },
  { title: 'too many bot sources in a client network', text: edit({ 25: '  - { name: bots-west, client: users-west, bots: 4, sources: 64 }' }), line: 25, column: '64', path: 'botnet[0].sources', message: 'client network users-west would hold 256 bot source addresses (bots 4 × sources 64)' },
  {
    title: 'too many bot sources over two botnets',
    text: edit({ 26: '  - { name: bots-more, client: users-west, bots: 2, sources: 90 }' }),
    line: 26,
    column: '90',
    path: 'botnet[1].sources',
    message: 'would hold 212 bot source addresses (bots 2 × sources 90 plus 32 from earlier botnets)',
  },
  { title: 'too many sources for one bot', text: edit({ 25: '  - { name: bots-west, client: users-west, sources: 201 }' }), line: 25, column: '201', path: 'botnet[0].sources', message: 'expected a whole number from 1 to 200, got 201' },
  { title: 'too many containers', text: edit({ 17: `pops: [${manyPops}]`, 18: '', 19: '' }), line: 1, column: 1, path: '', message: 'the lab needs 260 containers, more than the 250' },
  { title: 'an unknown timer profile', text: edit({ 7: '  timers: datacentre' }), line: 7, column: 'datacentre', path: 'bgp.timers', message: 'got "datacentre" (did you mean "datacenter"?)' },
  { title: 'a hold time not above keepalive', text: edit({ 7: '  timers: { keepalive: 10, hold: 10 }' }), line: 7, column: '10 }', path: 'bgp.timers.hold', message: 'hold (10 s) must be longer than keepalive (10 s)' },
  { title: 'a hold time of 2 s', text: edit({ 7: '  timers: { keepalive: 1, hold: 2 }' }), line: 7, column: '2 }', path: 'bgp.timers.hold', message: '0 (never expires) or 3..65535 (RFC 4271), got 2' },
  { title: 'a BFD interval too short', text: edit({ 8: '  bfd: { interval: 5ms }' }), line: 8, column: '5ms', path: 'bgp.bfd.interval', message: 'expected a duration from 10ms to 10s, such as 500ms or 2s, got "5ms"' },
  { title: 'a misspelt BFD key', text: edit({ 8: '  bfd: { intervall: 100ms }' }), line: 8, column: 'intervall', path: 'bgp.bfd.intervall', message: 'did you mean "interval"?' },
];

function issuesOf(text: string): readonly SourceIssue[] {
  try {
    parseTopology(text, 'bad.yaml');
  } catch (error) {
    if (error instanceof InputInvalidError && error.code === 'TOPOLOGY_INVALID') return error.issues;
    throw error;
  }
  throw new Error('expected TOPOLOGY_INVALID, but the topology was accepted');
}

for (const c of cases) {
  test(`rejects ${c.title}`, (t) => {
    const issues = issuesOf(c.text);
    const line = c.text.split('\n')[c.line - 1] ?? '';
    const column = typeof c.column === 'number' ? c.column : line.indexOf(c.column) + 1;
    t.true(column > 0, `"${String(c.column)}" is not on line ${c.line}`);
    t.like(issues.find((i) => i.message.includes(c.message)), { file: 'bad.yaml', line: c.line, column, path: c.path }, JSON.stringify(issues, null, 2));
    t.is(issues.length, c.issues ?? 1, JSON.stringify(issues, null, 2));
  });
}

test('the base of the cases above is valid', (t) => {
  t.is(parseTopology(edit({}), 'base.yaml').lab, 'test');
});
