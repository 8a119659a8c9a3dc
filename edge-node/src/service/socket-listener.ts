import { createServer, type Server, type Socket } from 'node:net';

export interface SocketListener {
  readonly host: string;
  readonly port: number;
  /** Stops accepting; connections already handed on are not touched. */
  close(): Promise<void>;
}

/**
 * A plain TCP listener that hands each accepted socket to `onSocket`: one HTTP server can so
 * serve several addresses, and connections can be refused before any HTTP parsing.
 */
export function listenForSockets(host: string, port: number, onSocket: (socket: Socket) => void): Promise<SocketListener> {
  const server: Server = createServer({ noDelay: true }, onSocket);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, backlog: 4096 }, () => {
      server.off('error', reject);
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      resolve({
        host,
        port: bound,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
