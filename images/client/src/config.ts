/** The agent's settings, from the environment its container was started with. */
import type { AgentRole } from '../../../contracts/agent-api.ts';
import { AGENT_ENV, LAB_ENV } from '../../../contracts/env.ts';
import { PORTS } from '../../../contracts/ports.ts';


export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface AgentConfig {
  readonly lab: string;
  readonly node: string;
  readonly role: AgentRole;
  /** The client network this node belongs to (bots: the one whose access router carries them). */
  readonly client: string;
  /** The agent's API: on the management network only, never on the data plane. */
  readonly listen: HostPort;
  /** The anycast service address: the only traffic target. */
  readonly target: HostPort;
  /** Bots: source addresses already on the interface, used round-robin. Empty: the kernel picks. */
  readonly sources: readonly string[];
}

/** Throws an Error naming every missing or bad variable. */
export function readAgentConfig(env: Readonly<Record<string, string | undefined>>): AgentConfig {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is not set`);
    return value ?? '';
  };
  const port = (name: string, fallback: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > 65_535) problems.push(`${name}=${text} is not a TCP port`);
    return value;
  };
  const role = required(LAB_ENV.role);
  if (role !== '' && role !== 'probe' && role !== 'bot') problems.push(`${LAB_ENV.role}=${role}: expected probe or bot`);
  const config: AgentConfig = {
    lab: env[LAB_ENV.name]?.trim() ?? '',
    node: required(LAB_ENV.node),
    role: role === 'bot' ? 'bot' : 'probe',
    client: env[AGENT_ENV.clientNetwork]?.trim() ?? '',
    listen: { host: required(LAB_ENV.mgmtAddr), port: port(AGENT_ENV.port, PORTS.agent) },
    target: { host: required(LAB_ENV.serviceAddr), port: port(LAB_ENV.servicePort, PORTS.http) },
    sources: (env[AGENT_ENV.botSources] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
  };
  if (problems.length > 0) throw new Error(`client agent: bad environment: ${problems.join('; ')}`);
  return config;
}

/** Round-robin over the bot's source addresses; undefined when it has none. */
export function rotateSources(sources: readonly string[]): () => string | undefined {
  let next = 0;
  return () => (sources.length === 0 ? undefined : sources[next++ % sources.length]);
}
