import type { PacketPort } from './packet-ports.ts';
import { realClock, type WireClock } from './wire-clock.ts';
import type { WireParams } from './wire-params.ts';
import { WirePipe } from './wire-pipe.ts';
import type { WireCounters } from './wire-schedule.ts';

/** A wire between two ports: one pipe each way, each with its own parameters. */
export interface WireRelay {
  readonly aToB: WirePipe;
  readonly bToA: WirePipe;
  /** link-down: both directions drop everything until restore(). */
  cut(): void;
  restore(): void;
  stats(): WireStats;
  close(): Promise<void>;
}

export interface WireStats {
  readonly aToB: WireCounters & { readonly waiting: number; readonly params: WireParams };
  readonly bToA: WireCounters & { readonly waiting: number; readonly params: WireParams };
  readonly cut: boolean;
  readonly sendErrors: number;
}

export interface RelayOptions {
  readonly a: PacketPort;
  readonly b: PacketPort;
  readonly aToB: WireParams;
  readonly bToA: WireParams;
  readonly clock?: WireClock;
  readonly random?: () => number;
}

export function startRelay(options: RelayOptions): WireRelay {
  const { a, b } = options;
  const clock = options.clock ?? realClock;
  const aToB = new WirePipe(options.aToB, clock, (p) => b.send(p), options.random);
  const bToA = new WirePipe(options.bToA, clock, (p) => a.send(p), options.random);
  a.onPacket((p) => aToB.send(p));
  b.onPacket((p) => bToA.send(p));
  const pipeStats = (pipe: WirePipe) => ({ ...structuredClone(pipe.counters), waiting: pipe.waiting, params: pipe.params });
  return {
    aToB,
    bToA,
    cut() {
      aToB.cut();
      bToA.cut();
    },
    restore() {
      aToB.restore();
      bToA.restore();
    },
    stats: () => ({ aToB: pipeStats(aToB), bToA: pipeStats(bToA), cut: aToB.isCut, sendErrors: a.sendErrors() + b.sendErrors() }),
    async close() {
      aToB.close();
      bToA.close();
      await Promise.all([a.close(), b.close()]);
    },
  };
}
