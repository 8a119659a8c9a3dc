import test from 'ava';
import { PORTS } from '../../../contracts/ports.ts';
import { get, loopbackConfig, startLoopbackEdge, startOrigin, stopServer, waitUntil } from './helpers/loopback-lab.ts';

const KEY = 'c0ffee'.repeat(11);
const A = '127.0.0.2';
const B = '127.0.0.3';

test('a block one server of a PoP learns reaches the other within 1 s, over the PoP channel, and holds there', async (t) => {
  const origin = await startOrigin();
  // Both ends of the channel on one port, each on its own loopback address, as on a PoP LAN.
  const port = PORTS.edgePeers + 20_000 + (process.pid % 5000);
  const config = (self: string, peer: string, server: string) =>
    loopbackConfig(origin.url, { node: `test-${server}`, server, lanAddr: self, peers: { addresses: [peer], key: KEY, port } });
  const slow = (c: ReturnType<typeof config>) => ({ ...c, defense: { ...c.defense, limiter: { ...c.defense.limiter, source: { perSecond: 20, burst: 20 } } } });
  const a = await startLoopbackEdge(slow(config(A, B, 'edge-1')));
  const b = await startLoopbackEdge(slow(config(B, A, 'edge-2')));
  try {
    const flooder = '127.0.7.7';
    // Bounded in count and time; it goes on until edge-1 has blocked, however slow the machine.
    const started = Date.now();
    let sent = 0;
    const floods = Array.from({ length: 8 }, async () => {
      while (sent < 3000 && Date.now() - started < 15_000 && a.edge.control.mitigation().blockedSources === 0) {
        sent++;
        await get(`${a.http}/obj/1`, { localAddress: flooder }).catch(() => undefined);
      }
    });
    await Promise.all(floods);
    await waitUntil(() => a.edge.control.mitigation().blockedSources === 1, 5000, 'edge-1 to block the flooder');
    const blockedAt = performance.now();
    await waitUntil(() => b.edge.control.mitigation().blockedSources === 1, 5000, 'edge-2 to learn the block');
    const propagationMs = performance.now() - blockedAt;
    t.log(`propagation: ${Math.round(propagationMs)} ms after edge-1 had it (polled every 20 ms); edge-2's own view: ${b.edge.control.mitigation().sharing.lastLatencyMs} ms`);
    t.true(propagationMs < 1000, `${propagationMs} ms`);
    t.deepEqual(b.edge.control.mitigation().blocked.sources.map((s) => s.key), [flooder]);
    t.regex(b.edge.control.mitigation().blocked.sources[0]!.reason, /from a peer/);
    await t.throwsAsync(get(`${b.http}/obj/1`, { localAddress: flooder }), { code: 'ECONNRESET' }, 'edge-2 resets the flooder it never saw');
    t.is((await get(`${b.http}/obj/1`, { localAddress: '127.0.8.8' })).status, 200, 'and serves others');
    t.like(a.edge.control.mitigation().sharing, { peers: 1, sent: 1 });
    t.like(b.edge.control.mitigation().sharing, { peers: 1, received: 1, imported: 1, sent: 0 });
  } finally {
    await Promise.all([a.edge.shutdown('test over'), b.edge.shutdown('test over')]);
    await stopServer(origin.server);
  }
});
