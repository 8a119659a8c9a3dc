/**
 * `npm run bench:wire`: the wire (images/wire, as its production bundle, in its own process) on
 * loopback UDP.
 *   RTT: for one-way delays 0, 10 and 100 ms each way, a ping every 10 ms through the relay and
 *     back; p50 and p99 against the configured RTT (2 x delay), and the same pings sent straight
 *     (no relay) as the floor.
 *   Throughput: 1400-byte datagrams as fast as the sender can for a few seconds, through the relay
 *     (delay 0) and straight; Mbit/s received.
 *   CPU per packet: the relay process's user+system time over the packets it moved.
 * Other work on the machine moves these numbers: the load average is printed beside them.
 */
import { execa, type ResultPromise } from 'execa';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { bundlePath, bundleProgram } from '../../orchestrator/src/host/bundle.ts';

const HOST = '127.0.0.1';
const PINGS = 300;
const PING_INTERVAL_MS = 10;
const BLAST_S = 3;
const PACKET = 1400;

async function socket(): Promise<Socket> {
  const s = createSocket({ type: 'udp4', recvBufferSize: 8 << 20, sendBufferSize: 8 << 20 });
  s.bind(0, HOST);
  await once(s, 'listening');
  return s;
}

const portOf = (s: Socket): number => s.address().port;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function freePort(): Promise<number> {
  const s = await socket();
  const port = portOf(s);
  s.close();
  return port;
}

interface Relay {
  readonly a: number;
  readonly b: number;
  readonly child: ResultPromise;
}

async function startRelay(delayMs: number): Promise<Relay> {
  const [a, b] = [await freePort(), await freePort()];
  const spec = `delay=${delayMs}`;
  const child = execa('node', [bundlePath('wire'), 'udp', '--a', `${HOST}:${a}`, '--b', `${HOST}:${b}`, '--a-to-b', spec, '--b-to-a', spec], { reject: false });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { a, b, child };
}

async function stopRelay(relay: Relay): Promise<void> {
  relay.child.kill('SIGTERM');
  await relay.child;
}

async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100)
}

/** An echo end: sends its first datagram to prime the relay's b side, then echoes everything. */
async function echoEnd(toPort: number): Promise<Socket> {
  const echo = await socket();
  echo.on('message', (m, r) => echo.send(m, r.port, r.address));
  echo.send('prime', toPort, HOST);
  await sleep(50);
  return echo;
}

async function pingRtts(sender: Socket, toPort: number): Promise<number[]> {
  const sent = new Map<number, number>();
  const rtts: number[] = [];
  sender.on('message', (m) => {
    if (m.length < 4) return;
    const t0 = sent.get(m.readUInt32BE(0));
    if (t0 !== undefined) rtts.push(performance.now() - t0);
  });
  for (let i = 0; i < PINGS; i++) {
    const packet = Buffer.alloc(64);
    packet.writeUInt32BE(i, 0);
    sent.set(i, performance.now());
    sender.send(packet, toPort, HOST);
    await sleep(PING_INTERVAL_MS);
  }
  await sleep(500);
  sender.removeAllListeners('message');
  return rtts.sort((x, y) => x - y);
}

async function rttThroughRelay(delayMs: number): Promise<{ p50: number; p99: number; got: number; cpuUsPerPacket: number }> {
  const relay = await startRelay(delayMs);
  const echo = await echoEnd(relay.b);
  const sender = await socket();
  const cpu0 = await cpuMs(relay.child.pid!);
  const rtts = await pingRtts(sender, relay.a);
  const cpu1 = await cpuMs(relay.child.pid!);
  sender.close();
  echo.close();
  await stopRelay(relay);
  return { p50: percentile(rtts, 50), p99: percentile(rtts, 99), got: rtts.length, cpuUsPerPacket: ((cpu1 - cpu0) * 1000) / (2 * rtts.length) };
}

async function rttStraight(): Promise<{ p50: number; p99: number }> {
  const echo = await socket();
  echo.on('message', (m, r) => echo.send(m, r.port, r.address));
  const sender = await socket();
  const rtts = await pingRtts(sender, portOf(echo));
  sender.close();
  echo.close();
  return { p50: percentile(rtts, 50), p99: percentile(rtts, 99) };
}

/** Sends for BLAST_S seconds in batches, yielding between them so the receiver gets its turn. */
async function blast(toPort: number, sink: Socket): Promise<{ mbit: number; received: number; sent: number }> {
  let received = 0;
  sink.on('message', (m) => void (received += m.length));
  const sender = await socket();
  const payload = Buffer.alloc(PACKET);
  let sent = 0;
  const end = performance.now() + BLAST_S * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 32; i++) sender.send(payload, toPort, HOST);
    sent += 32;
    await new Promise((r) => setImmediate(r));
  }
  await sleep(300);
  const seconds = (performance.now() - start) / 1000;
  sender.close();
  return { mbit: (received * 8) / seconds / 1e6, received: received / PACKET, sent };
}

async function throughputThroughRelay(): Promise<{ mbit: number; cpuUsPerPacket: number; lossPct: number }> {
  const relay = await startRelay(0);
  const sink = await echoEnd(relay.b);
  sink.removeAllListeners('message');
  const cpu0 = await cpuMs(relay.child.pid!);
  const r = await blast(relay.a, sink);
  const cpu1 = await cpuMs(relay.child.pid!);
  sink.close();
  await stopRelay(relay);
  return { mbit: r.mbit, cpuUsPerPacket: ((cpu1 - cpu0) * 1000) / Math.max(1, r.received), lossPct: 100 * (1 - r.received / r.sent) };
}

async function throughputStraight(): Promise<number> {
  const sink = await socket();
  const r = await blast(portOf(sink), sink);
  sink.close();
  return r.mbit;
}

const f = (n: number) => n.toFixed(2).padStart(8);
await bundleProgram('wire');
console.log(`wire bench on loopback, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const floor = await rttStraight();
console.log(`straight UDP (no relay):   RTT p50 ${f(floor.p50)} ms  p99 ${f(floor.p99)} ms`);
console.log('one-way delay | configured RTT |  p50 RTT  (err)   |  p99 RTT  (err)   | replies | CPU/packet');
for (const delay of [0, 10, 100]) {
  const r = await rttThroughRelay(delay);
  const want = 2 * delay;
  console.log(
    `${String(delay).padStart(10)} ms | ${String(want).padStart(11)} ms | ${f(r.p50)} (${(r.p50 - want >= 0 ? '+' : '') + (r.p50 - want).toFixed(2)}) | ${f(r.p99)} (${(r.p99 - want >= 0 ? '+' : '') + (r.p99 - want).toFixed(2)}) | ${String(r.got).padStart(3)}/${PINGS} | ${r.cpuUsPerPacket.toFixed(1)} us`,
  );
}
const straight = await throughputStraight();
const wire = await throughputThroughRelay();
console.log(`throughput, ${PACKET}-byte datagrams for ${BLAST_S} s: straight ${straight.toFixed(0)} Mbit/s, through the wire ${wire.mbit.toFixed(0)} Mbit/s (${wire.lossPct.toFixed(1)}% of sent not received), relay CPU ${wire.cpuUsPerPacket.toFixed(1)} us/packet`);
console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
