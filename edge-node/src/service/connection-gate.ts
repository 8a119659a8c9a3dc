import type { Socket } from 'node:net';
import type { NowMs } from '../clock.ts';
import type { Mitigation } from '../defense/mitigation.ts';
import { normalizeSource } from '../defense/source-prefix.ts';
import type { EdgeMetrics } from '../metrics/edge-metrics.ts';

export interface ConnectionGateDeps {
  readonly mitigation: Mitigation;
  readonly metrics: EdgeMetrics;
  readonly now: NowMs;
}

/**
 * The cheapest refusal there is short of the kernel: a blocked source's connection is reset
 * before HTTP parsing starts; allowed connections are handed to the HTTP server.
 */
export function gateConnections(deps: ConnectionGateDeps, hand: (socket: Socket) => void): (socket: Socket) => void {
  return (socket) => {
    const source = normalizeSource(socket.remoteAddress ?? '');
    const verdict = source === '' ? 'blocked' : deps.mitigation.admitConnection(source, deps.now());
    if (verdict !== 'allow') {
      deps.metrics.countMitigation(verdict);
      socket.resetAndDestroy();
      return;
    }
    socket.once('close', () => deps.mitigation.releaseConnection(source));
    hand(socket);
  };
}
