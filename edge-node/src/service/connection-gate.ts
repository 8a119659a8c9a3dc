import type { Socket } from 'node:net';
import type { NowMs } from '../clock.ts';
import type { Mitigation } from '../defense/mitigation.ts';
import { normalizeSource } from '../defense/source-prefix.ts';
import type { EdgeMetrics } from '../metrics/edge-metrics.ts';

export interface ConnectionGateDeps {
  readonly mitigation: Mitigation;
  readonly metrics: EdgeMetrics;
  readonly now: NowMs;
  /** Shared by every listener of the edge, so the cap holds over all ports together. */
  readonly budget: ConnectionBudget;
}

/** Open connections over all of an edge's service listeners, up to a cap. */
export class ConnectionBudget {
  readonly max: number;
  #open = 0;

  constructor(max: number) {
    this.max = max;
  }

  get open(): number {
    return this.#open;
  }

  take(): boolean {
    if (this.#open >= this.max) return false;
    this.#open++;
    return true;
  }

  release(): void {
    this.#open--;
  }
}

/**
 * The cheapest refusal there is short of the kernel: a blocked source's connection is reset
 * before HTTP parsing starts, and so is any connection beyond the edge's global cap (however
 * many sources share it); allowed connections are handed to the HTTP server.
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
    if (!deps.budget.take()) {
      deps.mitigation.releaseConnection(source);
      deps.metrics.countMitigation('connection-capped');
      socket.resetAndDestroy();
      return;
    }
    socket.once('close', () => {
      deps.budget.release();
      deps.mitigation.releaseConnection(source);
    });
    hand(socket);
  };
}
