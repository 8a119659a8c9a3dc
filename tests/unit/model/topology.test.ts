import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import test from 'ava';
import { parse } from 'yaml';
import { InputInvalidError } from '../../../orchestrator/src/errors.ts';
import { loadTopology, parseTopology } from '../../../orchestrator/src/model/topology.ts';

const fixture = (name: string): string => resolve('tests/fixtures/topologies', name);

test('world.yaml becomes the four-region model', async (t) => {
  const world = await loadTopology('topology/world.yaml');
  t.is(world.file, resolve('topology/world.yaml'));
  t.is(world.lab, 'world');
  t.deepEqual(world.addressing, { pool: '198.18.0.0/16', anycast: '198.51.100.0/24', service: '198.51.100.10' });
  t.deepEqual(world.bgp, { profile: 'datacenter', keepaliveS: 3, holdS: 9, bfd: { enabled: true, intervalMs: 100, multiplier: 3 } });
  t.is(world.serverAsn, 64512);
  t.deepEqual(world.transits[0], { name: 't-asia', asn: 65010, region: 'asia' });
  t.deepEqual(world.pops[0], { name: 'tokyo', asn: 64500, upstreams: ['t-asia'], servers: 2, region: 'asia' });
  t.is(world.pops[3]?.parent, 'ashburn');
  t.deepEqual(world.clients[0], { name: 'users-asia', asn: 65110, upstream: 't-asia', probes: 1, region: 'asia' });
  t.deepEqual(world.origin, { name: 'origin', upstream: 't-useast' });
  t.deepEqual(world.botnets[0], { name: 'bots-asia', client: 'users-asia', bots: 1, sources: 64 });
  t.deepEqual(
    world.links.map((l) => l.name),
    [
      't-asia--t-europe',
      't-asia--t-useast',
      't-europe--t-useast',
      't-useast--t-latam',
      't-asia--tokyo',
      't-europe--frankfurt',
      't-useast--ashburn',
      't-latam--saopaulo',
      't-asia--users-asia',
      't-europe--users-europe',
      't-useast--users-useast',
      't-latam--users-latam',
      't-useast--origin',
    ],
  );
  t.deepEqual(world.links[0], { name: 't-asia--t-europe', a: 't-asia', b: 't-europe', impairment: { delayMs: 110, jitterMs: 5 } });
  t.deepEqual(world.links[4], { name: 't-asia--tokyo', a: 't-asia', b: 'tokyo', impairment: { delayMs: 2 } });
  t.deepEqual(world.links[12]?.impairment, { delayMs: 1 });
});

test('mini.yaml becomes the two-transit model', async (t) => {
  const mini = await loadTopology('topology/mini.yaml');
  const file = parse(readFileSync('topology/mini.yaml', 'utf8')) as { addressing: { pool: string } };
  t.is(mini.lab, 'mini');
  t.is(mini.addressing.pool, file.addressing.pool);
  t.deepEqual(mini.pops.map((p) => [p.name, p.asn, p.upstreams]), [
    ['west', 64500, ['t-west']],
    ['east', 64500, ['t-east']],
  ]);
  t.deepEqual(
    mini.links.map((l) => [l.name, l.impairment]),
    [
      ['t-west--t-east', { delayMs: 20 }],
      ['t-west--west', {}],
      ['t-east--east', {}],
      ['t-west--users-west', {}],
      ['t-east--users-east', {}],
      ['t-east--origin', {}],
    ],
  );
  t.deepEqual(mini.botnets, [
    { name: 'bots-west', client: 'users-west', bots: 1, sources: 32 },
    { name: 'bots-east', client: 'users-east', bots: 1, sources: 32 },
  ]);
});

test('a topology with only the required keys takes every default', async (t) => {
  const minimal = await loadTopology(fixture('minimal.yaml'));
  t.deepEqual(minimal.addressing, { pool: '198.18.0.0/16', anycast: '198.51.100.0/24', service: '198.51.100.10' });
  t.deepEqual(minimal.bgp, { profile: 'datacenter', keepaliveS: 3, holdS: 9, bfd: { enabled: true, intervalMs: 100, multiplier: 3 } });
  t.is(minimal.serverAsn, 64512);
  t.deepEqual(minimal.pops, [{ name: 'solo', asn: 64500, upstreams: ['t-one'], servers: 2 }]);
  t.deepEqual(minimal.clients, [{ name: 'users', asn: 65110, upstream: 't-one', probes: 1 }]);
  t.deepEqual(minimal.origin, { name: 'origin', upstream: 't-one' });
  t.deepEqual(minimal.botnets, []);
  t.deepEqual(minimal.links.map((l) => l.name), ['t-one--solo', 't-one--users', 't-one--origin']);
});

const SMALL = `lab: small
edge: { asn: 64500 }
transits: [{ name: t-one, asn: 65010 }, { name: t-two, asn: 65020 }]
pops: [{ name: one, upstreams: [t-one, t-two] }]
clients: [{ name: users, asn: 65110, upstream: t-one }]
origin: { upstream: t-two }
`;

test('timers: traditional, a custom pair, and BFD switched off', (t) => {
  const traditional = parseTopology(`${SMALL}bgp: { timers: traditional, bfd: { enabled: false } }\n`, 'a.yaml');
  t.deepEqual(traditional.bgp, { profile: 'traditional', keepaliveS: 60, holdS: 180, bfd: { enabled: false, intervalMs: 100, multiplier: 3 } });
  const custom = parseTopology(`${SMALL}bgp: { timers: { keepalive: 1, hold: 3 }, bfd: { interval: 300ms, multiplier: 5 } }\n`, 'a.yaml');
  t.deepEqual(custom.bgp, { profile: 'custom', keepaliveS: 1, holdS: 3, bfd: { enabled: true, intervalMs: 300, multiplier: 5 } });
  t.is(parseTopology(`${SMALL}bgp: { timers: { keepalive: 30, hold: 0 } }\n`, 'a.yaml').bgp.holdS, 0);
});

test('impairments map to delay, jitter, loss and rate; a PoP may have several upstreams', (t) => {
  const text = SMALL.replace('upstreams: [t-one, t-two]', 'upstreams: [{ transit: t-one, delay: 1.5s, jitter: 2ms, loss: 20%, rate: 10mbit }, { transit: t-two, loss: 0.5 }]');
  const topology = parseTopology(text, 'a.yaml');
  t.deepEqual(topology.pops[0]?.upstreams, ['t-one', 't-two']);
  t.deepEqual(topology.links[0]?.impairment, { delayMs: 1500, jitterMs: 2, lossPercent: 20, rateKbit: 10_000 });
  t.deepEqual(topology.links[1]?.impairment, { lossPercent: 0.5 });
});

test('a PoP may announce from the edge ASN or an ASN of its own', (t) => {
  const text = SMALL.replace('{ name: one, upstreams: [t-one, t-two] }', '{ name: one, asn: 64500, upstreams: [t-one] }, { name: two, asn: 64501, upstreams: [t-two] }');
  t.deepEqual(parseTopology(text, 'a.yaml').pops.map((p) => p.asn), [64500, 64501]);
});

test('YAML anchors and aliases are followed', (t) => {
  const text = SMALL.replace('upstream: t-one }', 'upstream: &wan { transit: t-one, delay: 5ms } }').replace('upstream: t-two }', 'upstream: *wan }');
  const topology = parseTopology(text, 'a.yaml');
  t.deepEqual(topology.origin, { name: 'origin', upstream: 't-one' });
  t.deepEqual(topology.links.at(-1)?.impairment, { delayMs: 5 });
});

test('overrides replace the lab name and the pool', (t) => {
  const topology = parseTopology(SMALL, 'a.yaml', { lab: 'other', pool: '198.20.0.0/16' });
  t.is(topology.lab, 'other');
  t.is(topology.addressing.pool, '198.20.0.0/16');
});

test('with a lab override the file needs no lab', (t) => {
  t.is(parseTopology(SMALL.replace('lab: small\n', ''), 'a.yaml', { lab: 'given' }).lab, 'given');
});

test('an invalid override is reported as coming from the override', (t) => {
  const error = t.throws(() => parseTopology(SMALL, 'a.yaml', { lab: 'Bad Lab', pool: '198.20.0.1/16' }), { instanceOf: InputInvalidError });
  t.is(error?.code, 'TOPOLOGY_INVALID');
  t.like(error?.issues, [
    { file: '<override>', line: 1, column: 1, path: 'lab' },
    { file: '<override>', line: 1, column: 1, path: 'addressing.pool' },
  ]);
  t.regex(error?.issues[0]?.message ?? '', /expected a lab name .*got "Bad Lab"/);
  t.regex(error?.issues[1]?.message ?? '', /host bits are set/);
  t.is(error?.issues.length, 2);
});

test('a pool override is checked against the anycast prefix of the file', (t) => {
  const error = t.throws(() => parseTopology(SMALL, 'a.yaml', { pool: '198.51.0.0/16' }), { instanceOf: InputInvalidError });
  t.like(error?.issues, [{ file: 'a.yaml', path: 'addressing.anycast', message: 'the anycast prefix 198.51.100.0/24 overlaps the pool 198.51.0.0/16; they must not overlap' }]);
});

test('a file with several errors reports every one, in file order', async (t) => {
  const file = fixture('bad/several-errors.yaml');
  const error = await t.throwsAsync(loadTopology(file), { instanceOf: InputInvalidError });
  t.is(error?.code, 'TOPOLOGY_INVALID');
  const issues = error?.issues.map((i) => [i.file, i.line, i.column, i.path]);
  t.deepEqual(issues, [
    [file, 2, 6, 'lab'],
    [file, 7, 26, 'transits[1].asn'],
    [file, 9, 31, 'pops[0].upstreams[0]'],
    [file, 9, 40, 'pops[0].sevrers'],
    [file, 11, 30, 'clients[0].asn'],
    [file, 14, 27, 'botnet[0].client'],
  ]);
  t.regex(error?.message ?? '', /6 problems/);
  t.regex(error?.message ?? '', /several-errors\.yaml:9:31: pops\[0\]\.upstreams\[0\]: unknown transit "t-mars" \(known: t-west, t-east\)/);
});

test('a file that is not YAML reports the parser\'s position', async (t) => {
  const error = await t.throwsAsync(loadTopology(fixture('bad/not-yaml.yaml')), { instanceOf: InputInvalidError });
  t.like(error?.issues[0], { line: 3, column: 1, path: '' });
  t.regex(error?.issues[0]?.message ?? '', /^not valid YAML: /);
});

test('a missing or unreadable file is an issue at 1:1', async (t) => {
  const missing = await t.throwsAsync(loadTopology('tests/fixtures/topologies/no-such.yaml'), { instanceOf: InputInvalidError });
  t.deepEqual(missing?.issues, [
    { file: fixture('no-such.yaml'), line: 1, column: 1, path: '', message: 'cannot read the topology file: no such file' },
  ]);
  const directory = await t.throwsAsync(loadTopology(fixture('bad')), { instanceOf: InputInvalidError });
  t.regex(directory?.issues[0]?.message ?? '', /it is a directory/);
});
