import http from 'node:http';
import type { ProbeOutcome } from '../../../contracts/agent-api.ts';
import type { HostPort } from './config.ts';

export interface RequestSpec {
  readonly target: HostPort;
  readonly path: string;
  /** Whole request, connect to last byte; the request is destroyed when it runs out. */
  readonly timeoutMs: number;
  /** false: a new TCP connection for this request alone, so that it samples routing afresh. */
  readonly agent: http.Agent | false;
  readonly localAddress?: string;
}

export interface RequestResult {
  readonly outcome: ProbeOutcome;
  readonly latencyMs: number;
  readonly status?: number;
  readonly pop?: string;
  readonly server?: string;
}

/** One GET; never rejects: every way it can go is an outcome. */
export function sendRequest(spec: RequestSpec): Promise<RequestResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    let timedOut = false;
    const finish = (result: Omit<RequestResult, 'latencyMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: Math.round((performance.now() - started) * 10) / 10 });
    };
    const req = http.request(
      {
        host: spec.target.host,
        port: spec.target.port,
        path: spec.path,
        method: 'GET',
        agent: spec.agent,
        ...(spec.localAddress === undefined ? {} : { localAddress: spec.localAddress }),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const servedBy = parseServedBy(res.headers['x-served-by']);
        res.on('end', () => finish({ outcome: status < 400 ? 'ok' : 'http-error', status, ...servedBy }));
        res.on('close', () => {
          if (!res.complete) finish({ outcome: timedOut ? 'timeout' : 'reset', status, ...servedBy });
        });
        res.resume();
      },
    );
    const timer = setTimeout(() => {
      timedOut = true;
      finish({ outcome: 'timeout' });
      req.destroy();
    }, spec.timeoutMs);
    req.on('error', (error) => finish({ outcome: timedOut ? 'timeout' : classifyError(error) }));
    req.end();
  });
}

const OUTCOME_BY_CODE: Readonly<Record<string, ProbeOutcome>> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ENETDOWN: 'unreachable',
  ETIMEDOUT: 'timeout',
};

export function classifyError(error: unknown): ProbeOutcome {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' ? OUTCOME_BY_CODE[code] : undefined) ?? 'error';
}

/** `x-served-by: tokyo/edge-1` -> { pop: 'tokyo', server: 'edge-1' }. */
export function parseServedBy(header: string | string[] | undefined): { pop: string; server?: string } | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  const slash = value.indexOf('/');
  return slash < 0 ? { pop: value } : { pop: value.slice(0, slash), server: value.slice(slash + 1) };
}
