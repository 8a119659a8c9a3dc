import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AGENT_DEFAULTS, AGENT_PATHS } from '../../../contracts/agent-api.ts';
import type { AgentHealth, AttackParams, AttackView, FieldError, OnceView, ProbeView } from '../../../contracts/agent-api.ts';
import { isAttackTarget } from '../../../contracts/attack-kinds.ts';
import { ATTACK_IMPLEMENTATIONS } from './attacks/implementations.ts';
import { AttackUnavailableError } from './attacks/syn-flood.ts';
import type { RunningAttack } from './attacks/counters.ts';
import { rotateSources } from './config.ts';
import type { AgentConfig } from './config.ts';
import { JobStore } from './job-store.ts';
import { recordsInOrder, startProbeJob } from './probe-job.ts';
import type { ProbeJob, Traffic } from './probe-job.ts';
import { sendRequest } from './send-request.ts';
import { validateAttackParams, validateProbeParams, validateTimeoutQuery } from './validate-request.ts';
import type { Validated } from './validate-request.ts';

export interface RunningAgent {
  /** Base URL of the agent's API. */
  readonly url: string;
  /** Stops every job and the API. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;
const MAX_RUNNING_JOBS = 8;
const MAX_KEPT_JOBS = 32;

interface AttackJob {
  readonly params: AttackParams;
  readonly attack: RunningAttack;
  done: boolean;
}

type Reply = { readonly status: number; readonly body: unknown };

/** The agent's HTTP API, on `config.listen` only. */
export async function startAgent(config: AgentConfig): Promise<RunningAgent> {
  const traffic: Traffic = { target: config.target, nextSource: rotateSources(config.sources) };
  const probes = new JobStore<ProbeJob>('probe', MAX_RUNNING_JOBS, MAX_KEPT_JOBS);
  const attacks = new JobStore<AttackJob>('attack', MAX_RUNNING_JOBS, MAX_KEPT_JOBS);

  const route = async (method: string, url: URL, body: unknown): Promise<Reply> => {
    const [, resource, id, extra] = url.pathname.split('/');
    if (extra !== undefined) return notFound(method, url);
    const key = `${method} /${resource ?? ''}${id === undefined ? '' : '/:id'}`;
    switch (key) {
      case `GET ${AGENT_PATHS.health}`:
        return ok(health(config, probes.running().length, attacks.running().length));
      case `GET ${AGENT_PATHS.once}`:
        return withValid(validateTimeoutQuery(url.searchParams), async (timeoutMs) => ok(await once(traffic, timeoutMs)));
      case `POST ${AGENT_PATHS.probes}`:
        return withValid(validateProbeParams(body), (params) => started(probes.add(() => startProbeJob(params, traffic))));
      case `GET ${AGENT_PATHS.probe(':id')}`:
        return withJob(probes, id, (job) => ok(probeView(id!, job, config)));
      case `DELETE ${AGENT_PATHS.probe(':id')}`:
        return withJob(probes, id, (job) => {
          job.run.stop();
          return ok({ id, done: job.done });
        });
      case `POST ${AGENT_PATHS.attacks}`:
        if (config.role !== 'bot') return { status: 409, body: { error: `attacks run from bot containers; ${config.node} is a ${config.role}` } };
        if (!isAttackTarget(config.target.host)) {
          return { status: 409, body: { error: `attacks are aimed only at the lab's anycast service block or loopback; this agent's target is ${config.target.host}` } };
        }
        return withValid(validateAttackParams(body), (params) => {
          const sources = config.sources.slice(0, params.sources ?? config.sources.length);
          const attackTraffic: Traffic = { target: config.target, nextSource: rotateSources(sources) };
          try {
            return started(attacks.add(() => startAttackJob(params, attackTraffic, sources)));
          } catch (error) {
            if (error instanceof AttackUnavailableError) return { status: 409, body: { error: error.message } };
            throw error;
          }
        });
      case `GET ${AGENT_PATHS.attack(':id')}`:
        return withJob(attacks, id, (job) => ok(attackView(id!, job, config)));
      case `DELETE ${AGENT_PATHS.attack(':id')}`:
        return withJob(attacks, id, (job) => {
          job.attack.stop();
          return ok({ id, done: job.done });
        });
      default:
        return notFound(method, url);
    }
  };

  const server = http.createServer((req, res) => {
    void handle(req, route).then(({ status, body }) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    close: async () => {
      for (const job of probes.running()) job.run.stop();
      for (const job of attacks.running()) job.attack.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(req: http.IncomingMessage, route: (method: string, url: URL, body: unknown) => Promise<Reply>): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://agent');
  const text = await readBody(req);
  if (text === undefined) return { status: 413, body: { error: `body larger than ${MAX_BODY_BYTES} bytes` } };
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    return invalid([{ field: 'body', message: 'not valid JSON' }]);
  }
  try {
    return await route(req.method ?? 'GET', url, body);
  } catch (error) {
    return { status: 500, body: { error: String(error) } };
  }
}

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

async function once(traffic: Traffic, timeoutMs: number): Promise<OnceView> {
  const sentAt = Date.now();
  const source = traffic.nextSource();
  const result = await sendRequest({ target: traffic.target, path: AGENT_DEFAULTS.probePath, timeoutMs, agent: false, ...(source === undefined ? {} : { localAddress: source }) });
  return { sentAt, ...result };
}

function startAttackJob(params: AttackParams, traffic: Traffic, sources: readonly string[]): AttackJob {
  const attack = ATTACK_IMPLEMENTATIONS[params.kind](params, traffic, sources);
  const job: AttackJob = { params, attack, done: false };
  void attack.done.then(() => (job.done = true));
  return job;
}

function health(config: AgentConfig, probes: number, attacks: number): AgentHealth {
  return { ok: true, lab: config.lab, node: config.node, role: config.role, client: config.client, probes, attacks };
}

function probeView(id: string, job: ProbeJob, config: AgentConfig): ProbeView {
  return { id, node: config.node, client: config.client, done: job.done, skipped: job.run.stats().skipped, records: recordsInOrder(job) };
}

function attackView(id: string, job: AttackJob, config: AgentConfig): AttackView {
  return { id, node: config.node, kind: job.params.kind, done: job.done, ...job.attack.counters() };
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function invalid(errors: readonly FieldError[]): Reply {
  return { status: 400, body: { error: `invalid request: ${errors.map((e) => e.field).join(', ')}`, fields: errors } };
}

function notFound(method: string, url: URL): Reply {
  return { status: 404, body: { error: `no route ${method} ${url.pathname}` } };
}

function started(added: { id: string } | undefined): Reply {
  if (added === undefined) return { status: 429, body: { error: `${MAX_RUNNING_JOBS} jobs of this kind are already running` } };
  return { status: 201, body: { id: added.id } };
}

async function withValid<T>(validated: Validated<T>, then: (value: T) => Reply | Promise<Reply>): Promise<Reply> {
  return validated.ok ? then(validated.value) : invalid(validated.errors);
}

function withJob<T extends { readonly done: boolean }>(store: JobStore<T>, id: string | undefined, then: (job: T) => Reply): Reply {
  const job = id === undefined ? undefined : store.get(id);
  return job === undefined ? { status: 404, body: { error: `no job ${id ?? ''}` } } : then(job);
}
