import { AGENT_DEFAULTS, AGENT_LIMITS as LIMITS } from '../../../contracts/agent-api.ts';
import type { AttackKind, AttackParams, FieldError, ProbeParams } from '../../../contracts/agent-api.ts';

const ATTACK_KINDS: readonly AttackKind[] = ['http-flood', 'slowloris', 'h2-rapid-reset'];

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

export function validateProbeParams(body: unknown): Validated<ProbeParams> {
  const r = new FieldReader(body, ['rate', 'durationMs', 'timeoutMs', 'keepAlive', 'path']);
  const value = {
    rate: r.number('rate', 1, LIMITS.probeRate, false),
    durationMs: r.number('durationMs', 1, LIMITS.probeDurationMs, true),
    timeoutMs: r.number('timeoutMs', 1, LIMITS.timeoutMs, true, AGENT_DEFAULTS.timeoutMs),
    keepAlive: r.boolean('keepAlive', AGENT_DEFAULTS.keepAlive),
    path: r.path('path', AGENT_DEFAULTS.probePath),
  };
  return r.result(value);
}

export function validateAttackParams(body: unknown): Validated<AttackParams> {
  const r = new FieldReader(body, ['kind', 'rps', 'durationMs', 'path', 'connections', 'sources']);
  const connections = r.optionalNumber('connections', 1, LIMITS.connections);
  const sources = r.optionalNumber('sources', 1, LIMITS.sources);
  const value = {
    kind: r.oneOf('kind', ATTACK_KINDS, 'http-flood'),
    rps: r.number('rps', 1, LIMITS.attackRps, false),
    durationMs: r.number('durationMs', 1, LIMITS.attackDurationMs, true),
    path: r.path('path', AGENT_DEFAULTS.attackPath),
    ...(connections === undefined ? {} : { connections }),
    ...(sources === undefined ? {} : { sources }),
  };
  return r.result(value);
}

export function validateTimeoutQuery(query: URLSearchParams): Validated<number> {
  const text = query.get('timeoutMs');
  const r = new FieldReader({ timeoutMs: text === null ? undefined : Number(text) }, ['timeoutMs']);
  return r.result(r.number('timeoutMs', 1, LIMITS.timeoutMs, true, AGENT_DEFAULTS.timeoutMs));
}

/** Reads the fields of a JSON body, collecting an error naming each bad or unknown field. */
class FieldReader {
  private readonly body: Record<string, unknown>;
  private readonly errors: FieldError[] = [];

  constructor(body: unknown, allowed: readonly string[]) {
    this.body = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    if (this.body !== body) this.errors.push({ field: 'body', message: 'expected a JSON object' });
    for (const key of Object.keys(this.body)) {
      if (!allowed.includes(key)) this.errors.push({ field: key, message: `unknown field; expected one of ${allowed.join(', ')}` });
    }
  }

  number(field: string, min: number, max: number, integer: boolean, fallback?: number): number {
    const value = this.body[field];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      this.errors.push({ field, message: `expected ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}` });
      return min;
    }
    return value;
  }

  optionalNumber(field: string, min: number, max: number): number | undefined {
    return this.body[field] === undefined ? undefined : this.number(field, min, max, true);
  }

  boolean(field: string, fallback: boolean): boolean {
    const value = this.body[field];
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') this.errors.push({ field, message: 'expected true or false' });
    return value === true;
  }

  path(field: string, fallback: string): string {
    const value = this.body[field];
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !/^\/[\x21-\x7e]{0,255}$/.test(value)) {
      this.errors.push({ field, message: 'expected a URL path starting with /' });
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(field: string, values: readonly T[], fallback: T): T {
    const value = this.body[field];
    if (value === undefined) return fallback;
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    this.errors.push({ field, message: `expected one of ${values.join(', ')}` });
    return fallback;
  }

  result<T>(value: T): Validated<T> {
    return this.errors.length === 0 ? { ok: true, value } : { ok: false, errors: this.errors };
  }
}
