/**
 * A router's BGP exporter (docs/monitoring.md): GET /metrics runs `vtysh -c 'show bgp summary
 * json'` here, in the router, and answers Prometheus text. Local vtysh, not `docker exec` from the
 * host: on 2 cores frequent execs starve BFD; one vtysh per scrape (every 5 s or more) does not.
 * Listens on the management address only, so nothing in the data plane reaches it.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { LAB_ENV } from '../../../contracts/env.ts';
import { parseFrrBgpSummary } from '../../../contracts/frr-bgp-summary.ts';
import { PORTS } from '../../../contracts/ports.ts';
import { renderBgpMetrics, TEXT_CONTENT_TYPE, type BgpReading } from './bgp-metrics.ts';

const VTYSH_TIMEOUT_MS = 4000;

function readBgp(): Promise<BgpReading> {
  return new Promise((resolve) => {
    execFile('vtysh', ['-c', 'show bgp summary json'], { timeout: VTYSH_TIMEOUT_MS, maxBuffer: 4 << 20 }, (error, stdout) => {
      if (error) return resolve({ ok: false });
      try {
        resolve({ ok: true, peers: parseFrrBgpSummary(stdout) });
      } catch {
        resolve({ ok: false });
      }
    });
  });
}

/** Scrapes that arrive while vtysh runs share its answer: one vtysh at a time, whoever asks. */
let running: Promise<string> | undefined;
function scrape(): Promise<string> {
  running ??= (async () => {
    const started = performance.now();
    const reading = await readBgp();
    return renderBgpMetrics(reading, (performance.now() - started) / 1000);
  })().finally(() => {
    running = undefined;
  });
  return running;
}

const host = process.env[LAB_ENV.mgmtAddr] ?? '0.0.0.0';
const server = createServer((request, response) => {
  if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('GET /metrics\n');
    return;
  }
  void scrape().then((text) => response.writeHead(200, { 'content-type': TEXT_CONTENT_TYPE }).end(text));
});
server.listen(PORTS.frrExporter, host, () => console.log(`frr-exporter on ${host}:${PORTS.frrExporter}/metrics`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => process.exit(0)));
