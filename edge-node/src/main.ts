import { MemoryFrrDriver } from './announce/memory-frr-driver.ts';
import { VtyshFrrDriver } from './announce/vtysh-frr-driver.ts';
import { readEdgeConfig } from './config.ts';
import { IptablesKernelFilter } from './defense/kernel-filter.ts';
import { startEdge, type RunningEdge } from './edge.ts';
import { createJsonLogger, describeError, type Logger } from './log.ts';

/** How long a fatal exit may spend withdrawing the route before it exits anyway. */
const FATAL_WITHDRAW_MS = 3000;

async function main(): Promise<void> {
  const config = readEdgeConfig(process.env);
  const logger = createJsonLogger(config.node, (line) => process.stdout.write(line));
  const frr =
    config.frrDriver === 'memory'
      ? new MemoryFrrDriver()
      : new VtyshFrrDriver({ asn: config.asn, prefix: `${config.serviceAddr}/32` });
  const kernelFilter = config.kernelFilter === 'iptables' ? new IptablesKernelFilter([config.ports.http, config.ports.h2c]) : undefined;
  const edge = await startEdge(config, { frr, logger, ...(kernelFilter ? { kernelFilter } : {}) });
  handleSignals(edge, logger);
}

/** First SIGTERM/SIGINT drains and exits 0; a second one, or a crash, withdraws at once and exits 1. */
function handleSignals(edge: RunningEdge, logger: Logger): void {
  let received = 0;
  const fatal = async (reason: string): Promise<void> => {
    logger.log('error', 'fatal', { reason });
    const timeout = new Promise((resolve) => setTimeout(resolve, FATAL_WITHDRAW_MS).unref());
    await Promise.race([edge.withdrawNow(reason).catch(() => undefined), timeout]);
    process.exit(1);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      received++;
      if (received > 1) {
        void fatal(`${signal} again during shutdown`);
        return;
      }
      logger.log('info', 'shutdown', { signal });
      void edge.shutdown(signal).then(() => process.exit(0));
    });
  }
  process.on('uncaughtException', (error) => void fatal(`uncaught exception: ${describeError(error)}`));
  process.on('unhandledRejection', (error) => void fatal(`unhandled rejection: ${describeError(error)}`));
}

main().catch((error: unknown) => {
  process.stderr.write(`edge: ${describeError(error)}\n`);
  process.exit(1);
});
