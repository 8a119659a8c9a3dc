import test from 'ava';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { openUdpPort } from '../../../images/wire/src/packet-ports.ts';
import { applyControl } from '../../../images/wire/src/wire-control.ts';
import { wireParams } from '../../../images/wire/src/wire-params.ts';
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
  t.true(performance.now() - start >= 29.5);
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
