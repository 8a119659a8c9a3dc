/**
 * The client agent: PID 1 of every probe and bot container. Serves its API on the management
 * address only and sends traffic only to the anycast service address.
 */
import { readAgentConfig } from './config.ts';
import type { AgentConfig } from './config.ts';
import { startAgent } from './server.ts';

const SHUTDOWN_GRACE_MS = 2000;

function configOrExit(): AgentConfig {
  try {
    return readAgentConfig(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

const config = configOrExit();
const agent = await startAgent(config);
console.log(`client agent ${config.node} (${config.role}) on ${agent.url}, target ${config.target.host}:${config.target.port}`);

// As PID 1, node gets no default signal handling: without these, `docker stop` waits for SIGKILL.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    void agent.close().then(() => process.exit(0));
  });
}
