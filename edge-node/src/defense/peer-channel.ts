import { createSocket, type Socket } from 'node:dgram';
import type { SharedBlock, PeerBlockSharing, PeerMessage } from './peer-blocks.ts';

export interface PeerChannel {
  /** Sends blocks learned here to every peer; fire and forget (UDP). */
  share(blocks: readonly SharedBlock[]): void;
  close(): Promise<void>;
}

export interface PeerChannelEvents {
  /** An accepted message from a peer. */
  onMessage(message: PeerMessage, latencyMs: number): void;
  onSendError(error: unknown): void;
}

export const noPeerChannel: PeerChannel = { share: () => undefined, close: async () => undefined };

/** The UDP side of block sharing: bound to this server's LAN address, judging each datagram through `sharing`. */
export async function openPeerChannel(sharing: PeerBlockSharing, bind: { readonly host: string; readonly port: number }, events: PeerChannelEvents): Promise<PeerChannel> {
  const socket: Socket = createSocket({ type: 'udp4', reuseAddr: false });
  socket.on('message', (datagram, remote) => {
    const now = Date.now();
    const verdict = sharing.incoming(datagram, remote.address, now);
    if (verdict.ok) events.onMessage(verdict.message, Math.max(0, now - verdict.message.at));
  });
  socket.on('error', (error) => events.onSendError(error));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(bind.port, bind.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    share(blocks) {
      for (const datagram of sharing.outgoing(blocks, Date.now())) {
        for (const peer of sharing.peers) {
          socket.send(datagram, bind.port, peer, (error) => {
            if (error) events.onSendError(error);
          });
        }
      }
    },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
