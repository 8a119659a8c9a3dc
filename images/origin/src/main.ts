import { createOriginServer } from './origin-server.ts';

const host = process.env['ORIGIN_ADDR'] || '0.0.0.0';
const port = Number(process.env['ORIGIN_PORT'] || 80);
const name = process.env['LAB_NODE'] || 'origin';

if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`origin: ORIGIN_PORT must be a port number, got "${process.env['ORIGIN_PORT']}"\n`);
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
