import http from 'node:http';
import {
  AGENT_PATHS,
  type AgentErrorBody,
  type AgentHealth,
  type AttackRequest,
  type AttackView,
  type JobStarted,
  type JobStopped,
  type OnceView,
  type ProbeRequest,
  type ProbeView,
} from './agent-api.ts';
import { httpBase, PORTS } from './ports.ts';

/**
 * The one client of the agent API (agent-api.ts). It speaks node:http rather than fetch: fetch's
 * first use stalls the event loop for a moment, which in a unit test the agent shares.
 */

export const DEFAULT_AGENT_TIMEOUT_MS = 10_000;

export interface AgentReply<T> {
  readonly status: number;
  readonly body: T;
}

/** `unreachable`: no answer (refused, timed out); `refused`: an answer other than 2xx. */
export type AgentCallErrorCode = 'unreachable' | 'refused';

export class AgentCallError extends Error {
  override readonly name = 'AgentCallError';
  readonly code: AgentCallErrorCode;
  /** The HTTP status, for `refused`. */
  readonly status: number | undefined;
  readonly body: AgentErrorBody | undefined;

  constructor(code: AgentCallErrorCode, message: string, status?: number, body?: AgentErrorBody) {
    super(message);
    this.code = code;
    this.status = status;
    this.body = body;
  }
}

export interface AgentClient {
  /** Base URL, e.g. `http://198.18.0.12:9100`. */
  readonly url: string;
  health(): Promise<AgentHealth>;
  once(timeoutMs?: number): Promise<OnceView>;
  startProbe(request: ProbeRequest): Promise<JobStarted>;
  readProbe(id: string): Promise<ProbeView>;
  stopProbe(id: string): Promise<JobStopped>;
  startAttack(request: AttackRequest): Promise<JobStarted>;
  readAttack(id: string): Promise<AttackView>;
  stopAttack(id: string): Promise<JobStopped>;
  /** Any call, any body, whatever the status: for tests of the API's refusals. Throws only when there is no answer. */
  send<T = unknown>(method: string, path: string, body?: unknown): Promise<AgentReply<T>>;
}

export interface AgentClientOptions {
  /** Per call; `once` adds its own timeout to it. */
  readonly timeoutMs?: number;
}

/** The agent at `http://host:port` (port: PORTS.agent). */
export function agentAt(host: string, port: number = PORTS.agent, options: AgentClientOptions = {}): AgentClient {
  return agentClient(httpBase(host, port), options);
}

export function agentClient(url: string, options: AgentClientOptions = {}): AgentClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_AGENT_TIMEOUT_MS;
  const send = <T>(method: string, path: string, body?: unknown, extraMs = 0): Promise<AgentReply<T>> =>
    sendJson<T>(url, method, path, body, timeoutMs + extraMs);
  const expect = async <T>(method: string, path: string, body?: unknown, extraMs = 0): Promise<T> => {
    const reply = await send<T | AgentErrorBody>(method, path, body, extraMs);
    if (reply.status >= 200 && reply.status < 300) return reply.body as T;
    const error = reply.body as AgentErrorBody | undefined;
    throw new AgentCallError('refused', `${method} ${url}${path} answered ${reply.status}: ${error?.error ?? JSON.stringify(reply.body)}`.slice(0, 400), reply.status, error);
  };
  return {
    url,
    health: () => expect<AgentHealth>('GET', AGENT_PATHS.health),
    once: (onceTimeoutMs) =>
      expect<OnceView>('GET', onceTimeoutMs === undefined ? AGENT_PATHS.once : `${AGENT_PATHS.once}?timeoutMs=${onceTimeoutMs}`, undefined, onceTimeoutMs ?? 0),
    startProbe: (request) => expect<JobStarted>('POST', AGENT_PATHS.probes, request),
    readProbe: (id) => expect<ProbeView>('GET', AGENT_PATHS.probe(id)),
    stopProbe: (id) => expect<JobStopped>('DELETE', AGENT_PATHS.probe(id)),
    startAttack: (request) => expect<JobStarted>('POST', AGENT_PATHS.attacks, request),
    readAttack: (id) => expect<AttackView>('GET', AGENT_PATHS.attack(id)),
    stopAttack: (id) => expect<JobStopped>('DELETE', AGENT_PATHS.attack(id)),
    send,
  };
}

function sendJson<T>(base: string, method: string, path: string, body: unknown, timeoutMs: number): Promise<AgentReply<T>> {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, agent: false, headers: { 'content-type': 'application/json' }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => reject(unreachable(method, base, path, error)));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = raw;
        try {
          parsed = raw === '' ? undefined : JSON.parse(raw);
        } catch {
          // Not JSON (a proxy's error page?): the caller sees the text.
        }
        resolve({ status: res.statusCode ?? 0, body: parsed as T });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => reject(unreachable(method, base, path, error)));
    req.end(text);
  });
}

function unreachable(method: string, base: string, path: string, error: Error): AgentCallError {
  return new AgentCallError('unreachable', `${method} ${base}${path}: ${error.message}`);
}
