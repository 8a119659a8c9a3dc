import { LAB_ENV, ORIGIN_ENV } from '../../../contracts/env.ts';
import { PORTS } from '../../../contracts/ports.ts';
import { createOriginServer } from './origin-server.ts';

const host = process.env[ORIGIN_ENV.addr] || '0.0.0.0';
const port = Number(process.env[ORIGIN_ENV.port] || PORTS.http);
const name = process.env[LAB_ENV.node] || 'origin';

if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`origin: ${ORIGIN_ENV.port} must be a port number, got "${process.env[ORIGIN_ENV.port]}"\n`);
  process.exit(2);
}

const server = createOriginServer(name);
server.keepAliveTimeout = 30_000;
server.listen({ host, port, backlog: 4096 }, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), node: name, event: 'listening', host, port: bound })}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
