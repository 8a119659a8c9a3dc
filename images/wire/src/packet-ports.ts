import { createSocket, type Socket } from 'node:dgram';
import { read, writeSync } from 'node:fs';

/**
 * Where packets come from and go to: a UDP socket (the two ends in tests and benches, and the
 * carrier between two containers) or a TUN device's file descriptor (a link's end inside a
 * container). One datagram = one packet; one read of a TUN = one IP packet (IFF_NO_PI).
 */
export interface PacketPort {
  send(packet: Uint8Array): void;
  onPacket(fn: (packet: Uint8Array) => void): void;
  close(): Promise<void>;
  /** Send failures (peer gone, interface down): counted, never thrown. */
  readonly sendErrors: () => number;
}

export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

export function parseEndpoint(text: string): Endpoint {
  const i = text.lastIndexOf(':');
  const port = Number(text.slice(i + 1));
  if (i <= 0 || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`expected HOST:PORT, got ${JSON.stringify(text)}`);
  return { host: text.slice(0, i), port };
}

/**
 * A UDP socket bound to `listen`. With a `peer`, it sends there and takes datagrams from there
 * only (anyone else on the carrier's network, a bot for one, could otherwise write raw packets into
 * the link); without one it sends to whoever sent to it last (a test's or bench's endpoint).
 */
export async function openUdpPort(listen: Endpoint, peer?: Endpoint): Promise<PacketPort & { readonly address: Endpoint; readonly foreignPackets: () => number }> {
  const socket: Socket = createSocket({ type: 'udp4', recvBufferSize: 4 << 20, sendBufferSize: 4 << 20 });
  let target = peer;
  let errors = 0;
  let foreign = 0;
  let handler: (packet: Uint8Array) => void = () => {};
  socket.on('message', (msg, rinfo) => {
    if (peer && (rinfo.address !== peer.host || rinfo.port !== peer.port)) return void foreign++;
    if (!peer) target = { host: rinfo.address, port: rinfo.port };
    handler(msg);
  });
  socket.on('error', () => errors++);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(listen.port, listen.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const bound = socket.address();
  return {
    address: { host: bound.address, port: bound.port },
    send(packet) {
      if (!target) return void errors++;
      socket.send(packet, target.port, target.host, (error) => {
        if (error) errors++;
      });
    },
    onPacket(fn) {
      handler = fn;
    },
    sendErrors: () => errors,
    /** Datagrams dropped because they came from someone other than the peer. */
    foreignPackets: () => foreign,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/**
 * A TUN device already attached to `fd` (see images/common/lab-wire: perl does the TUNSETIFF
 * ioctl that Node cannot). Reads go through libuv's thread pool, one at a time so order is kept;
 * writes are synchronous (a TUN write never blocks: the kernel queues the packet or drops it).
 */
export function openTunPort(fd: number, maxPacket = 65_535): PacketPort {
  let handler: (packet: Uint8Array) => void = () => {};
  let errors = 0;
  let closed = false;
  const loop = (): void => {
    const buffer = Buffer.allocUnsafe(maxPacket);
    read(fd, buffer, 0, maxPacket, null, (error, n) => {
      if (closed) return;
      if (error) {
        // EIO while the interface is down (link-down): wait and read again.
        setTimeout(loop, 50);
        return;
      }
      if (n > 0) handler(buffer.subarray(0, n));
      loop();
    });
  };
  loop();
  return {
    send(packet) {
      try {
        writeSync(fd, packet);
      } catch {
        errors++;
      }
    },
    onPacket(fn) {
      handler = fn;
    },
    sendErrors: () => errors,
    async close() {
      closed = true;
    },
  };
}
