import test from 'ava';
import { encodePeerMessage, isBlockKey, PEER_LIMITS, PeerBlockSharing, type PeerMessage, type SharedBlock } from '../../../../edge-node/src/defense/peer-blocks.ts';

const KEY = 'a'.repeat(64);
const A = '198.19.2.11';
const B = '198.19.2.12';
const NOW = 1_800_000_000_000;
const block: SharedBlock = { key: '198.19.6.40', scope: 'source', reason: 'over the source rate', ttlMs: 10_000 };

const pair = () => ({
  a: new PeerBlockSharing({ self: A, peers: [A, B], key: KEY }, NOW),
  b: new PeerBlockSharing({ self: B, peers: [A, B], key: KEY }, NOW),
});

test('a block learned by one server is accepted by its peer, with the latency from the send', (t) => {
  const { a, b } = pair();
  const [datagram, ...more] = a.outgoing([block], NOW);
  t.is(more.length, 0);
  const verdict = b.incoming(datagram!, A, NOW + 3);
  t.true(verdict.ok);
  if (verdict.ok) t.deepEqual(verdict.message.blocks, [block]);
  t.like(b.view(), { peers: 1, received: 1, lastLatencyMs: 3 });
  t.like(a.view(), { sent: 1 });
});

test('nothing is sent without peers or without blocks; many blocks go in bounded messages', (t) => {
  const alone = new PeerBlockSharing({ self: A, peers: [A], key: KEY }, NOW);
  t.deepEqual(alone.outgoing([block], NOW), []);
  const { a } = pair();
  t.deepEqual(a.outgoing([], NOW), []);
  const many = Array.from({ length: 100 }, (_, i) => ({ ...block, key: `198.19.6.${i}` }));
  const datagrams = a.outgoing(many, NOW);
  t.is(datagrams.length, Math.ceil(100 / PEER_LIMITS.maxBlocksPerMessage));
  t.true(datagrams.every((d) => d.length <= PEER_LIMITS.maxDatagramBytes));
});

test('a client cannot inject blocks: other sources, a wrong key, a forged sender, stale or replayed messages are refused', (t) => {
  const { a, b } = pair();
  const good = a.outgoing([block], NOW)[0]!;
  const reasons = [
    b.incoming(good, '198.19.6.40', NOW),
    b.incoming(encodePeerMessage({ v: 1, from: A, seq: NOW + 10, at: NOW, blocks: [block] }, 'b'.repeat(64)), A, NOW),
    b.incoming(encodePeerMessage({ v: 1, from: '198.19.2.99', seq: NOW + 11, at: NOW, blocks: [block] }, KEY), A, NOW),
    b.incoming(encodePeerMessage({ v: 1, from: A, seq: NOW + 12, at: NOW - 6000, blocks: [block] }, KEY), A, NOW),
    b.incoming(Buffer.from('not a message'), A, NOW),
  ].map((v) => (v.ok ? 'ok' : v.reason));
  t.deepEqual(reasons, ['unknown-peer', 'bad-mac', 'malformed', 'stale', 'malformed']);
  t.true(b.incoming(good, A, NOW).ok);
  const replay = b.incoming(good, A, NOW);
  t.false(replay.ok);
  t.like(b.view().rejected, { 'unknown-peer': 1, 'bad-mac': 1, malformed: 2, stale: 1, replayed: 1 });
});

test('blocks that are not block keys (a wider prefix, a host name) or last too long make the message malformed', (t) => {
  const { b } = pair();
  const send = (blocks: unknown[], seq: number) => b.incoming(encodePeerMessage({ v: 1, from: A, seq, at: NOW, blocks } as unknown as PeerMessage, KEY), A, NOW);
  const refused = [
    send([{ ...block, key: '0.0.0.0/0', scope: 'prefix' }], NOW + 1),
    send([{ ...block, key: '198.19.6.0/16', scope: 'prefix' }], NOW + 2),
    send([{ ...block, key: 'origin' }], NOW + 3),
    send([{ ...block, ttlMs: PEER_LIMITS.maxTtlMs + 1 }], NOW + 4),
    send([{ ...block, reason: 'x'.repeat(PEER_LIMITS.maxReasonLength + 1) }], NOW + 5),
  ];
  t.deepEqual(refused.map((v) => (v.ok ? 'ok' : v.reason)), ['malformed', 'malformed', 'malformed', 'malformed', 'malformed']);
  t.true(send([{ ...block, key: '198.19.6.0/24', scope: 'prefix' }, { ...block, key: '2001:db8:1:2::/64', scope: 'prefix' }], NOW + 6).ok);
  t.true(isBlockKey('2001:db8::1', 'source'));
});

test('one peer is held to a rate of datagrams', (t) => {
  const { a, b } = pair();
  const verdicts = Array.from({ length: PEER_LIMITS.rate.burst + 5 }, () => b.incoming(a.outgoing([block], NOW)[0]!, A, NOW));
  t.is(verdicts.filter((v) => v.ok).length, PEER_LIMITS.rate.burst);
  t.is(b.view().rejected['over-rate'], 5);
});

test('a restarted server numbers its messages above those before its restart', (t) => {
  const { b } = pair();
  const before = new PeerBlockSharing({ self: A, peers: [B], key: KEY }, NOW);
  t.true(b.incoming(before.outgoing([block], NOW)[0]!, A, NOW).ok);
  const after = new PeerBlockSharing({ self: A, peers: [B], key: KEY }, NOW + 1000);
  t.true(b.incoming(after.outgoing([block], NOW + 1000)[0]!, A, NOW + 1000).ok);
});
