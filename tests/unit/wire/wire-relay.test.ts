import test from 'ava';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { openUdpPort } from '../../../images/wire/src/packet-ports.ts';
import { applyControl } from '../../../images/wire/src/wire-control.ts';
import { wireParams } from '../../../images/wire/src/wire-params.ts';
import { realClock } from '../../../images/wire/src/wire-clock.ts';
import { startRelay } from '../../../images/wire/src/wire-relay.ts';

const LOOP = '127.0.0.1';

async function endpoint(): Promise<Socket> {
  const s = createSocket('udp4');
  s.bind(0, LOOP);
  await once(s, 'listening');
  return s;
}

async function relayPair(t: import('ava').ExecutionContext, delayMs: number) {
  const a = await openUdpPort({ host: LOOP, port: 0 });
  const b = await openUdpPort({ host: LOOP, port: 0 });
  const relay = startRelay({ a, b, aToB: wireParams({ delayMs }), bToA: wireParams({}) });
  const left = await endpoint();
  const right = await endpoint();
  t.teardown(async () => {
    await relay.close();
    left.close();
    right.close();
  });
  // Each side's port learns its endpoint from the first datagram; prime b's side from the right.
  // Wait until b has it (a fixed 20 ms was too short on a loaded machine: the next test's datagram went nowhere and it hung).
  right.send('hello', b.address.port, LOOP);
  while (relay.stats().bToA.received === 0) await new Promise((r) => setTimeout(r, 5));
  return { relay, a, b, left, right };
}

test('over real UDP sockets: packets cross in order, held for at least the delay', async (t) => {
  const { relay, a, left, right } = await relayPair(t, 30);
  const got: string[] = [];
  const done = new Promise<void>((resolve) => right.on('message', (m) => got.push(m.toString()) === 20 && resolve()));
  const start = performance.now();
  for (let i = 0; i < 20; i++) left.send(String(i), a.address.port, LOOP);
  await done;
  // The real clock may deliver up to its earlyMs before the due time, never more.
  t.true(performance.now() - start >= 30 - realClock.earlyMs);
  t.deepEqual(got, [...Array(20).keys()].map(String));
  t.is(relay.stats().aToB.delivered, 20);
});

test('the reverse direction has its own parameters, and a cut relay passes nothing', async (t) => {
  const { relay, a, b, left, right } = await relayPair(t, 0);
  left.send('prime', a.address.port, LOOP);
  await once(right, 'message');
  applyControl(relay, { cut: true });
  right.send('during', b.address.port, LOOP);
  await new Promise((r) => setTimeout(r, 50));
  t.is(relay.stats().bToA.delivered, 1); // only the priming "hello"
  applyControl(relay, { cut: false, bToA: { delayMs: 5 } });
  right.send('after', b.address.port, LOOP);
  const [msg] = await once(left, 'message');
  t.is(String(msg), 'after');
  t.is(relay.stats().bToA.params.delayMs, 5);
  t.throws(() => applyControl(relay, { aToB: { lossPct: 200 } }), { message: /lossPct/ });
});

test('a port with a peer takes datagrams from that peer only: a stranger on the carrier network cannot write into the link', async (t) => {
  const peer = await endpoint();
  const stranger = await endpoint();
  const port = await openUdpPort({ host: LOOP, port: 0 }, { host: LOOP, port: peer.address().port });
  t.teardown(async () => {
    await port.close();
    peer.close();
    stranger.close();
  });
  const got: string[] = [];
  port.onPacket((p) => got.push(Buffer.from(p).toString()));
  stranger.send('forged', port.address.port, LOOP);
  while (port.foreignPackets() === 0) await new Promise((r) => setTimeout(r, 5));
  peer.send('real', port.address.port, LOOP);
  while (got.length === 0) await new Promise((r) => setTimeout(r, 5));
  t.deepEqual(got, ['real']);
  t.is(port.foreignPackets(), 1);
});

test('the real clock never fires at once for a time still ahead, so a 1 ms delay stays a delay', async (t) => {
  const timer = realClock.timer();
  let firedAt: number | undefined;
  const armedAt = performance.now();
  timer.arm(armedAt + 1, () => (firedAt = performance.now()));
  t.is(firedAt, undefined, 'not fired inside arm()');
  while (firedAt === undefined) await new Promise((r) => setTimeout(r, 1));
  t.true(firedAt - armedAt > 0);
  let now = false;
  realClock.timer().arm(performance.now() - 1, () => (now = true));
  t.true(now, 'a time already past fires inside arm()');
});
