import { AGENT_DEFAULTS, AGENT_LIMITS as LIMITS } from '../../../contracts/agent-api.ts';
import type { AttackParams, FieldError, ProbeParams } from '../../../contracts/agent-api.ts';
import { readAttackParams } from '../../../contracts/attack-kinds.ts';

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

/** An attack request, checked against the attack registry; `kind` defaults to http-flood. */
export function validateAttackParams(body: unknown): Validated<AttackParams> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, errors: [{ field: 'body', message: 'expected a JSON object' }] };
  const read = readAttackParams({ kind: 'http-flood', ...(body as Record<string, unknown>) });
  return read.ok ? read : { ok: false, errors: read.errors };
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


  result<T>(value: T): Validated<T> {
    return this.errors.length === 0 ? { ok: true, value } : { ok: false, errors: this.errors };
  }
}
