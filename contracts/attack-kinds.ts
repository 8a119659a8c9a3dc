/**
 * The attack kinds, in one place: each kind's fields (as the command line and scenario files write
 * them) with their bounds and defaults, what one unit of its rate is, and what it does. The agent
 * maps every kind to an implementation (`Record<AttackKind, ...>`, so a kind without one does not
 * compile), and the agent, the CLI and the scenario reader all check values against these specs.
 * Pure; imports nothing outside contracts/.
 */
import { checkField, defineFields, expectedValue, type FieldSpecs } from './field-spec.ts';

/** What one unit of an attack's `rate` is. */
export type AttackUnit = 'request' | 'connection' | 'stream' | 'packet';

export interface AttackKindSpec {
  readonly description: string;
  readonly unit: AttackUnit;
  /** Keyed by the name the command line (`--rate`) and scenario files (`rate:`) use. */
  readonly fields: FieldSpecs;
}

/** Attacks are aimed only at addresses in this block (the lab's default anycast prefix), never elsewhere. */
export const ATTACK_TARGET_PREFIX = { network: '198.51.100.0', bits: 24 } as const;

export const MAX_ATTACK_RATE = 20_000;
export const MAX_ATTACK_MS = 300_000;
export const MAX_ATTACK_SOURCES = 200;

const PATH = /^\/[\x21-\x7e]{0,255}$/;
const CACHEABLE_PATH = '/obj/1024?cc=max-age%3D300';

const rate = (max: number, what: string) =>
  ({ type: 'request-rate', min: 1, max, required: true, doc: `${what} per second, over all bots together` }) as const;
const common = defineFields({
  for: { type: 'duration', minMs: 100, maxMs: MAX_ATTACK_MS, required: true, doc: 'how long; the attack stops by itself after it' },
  sources: { type: 'count', min: 1, max: MAX_ATTACK_SOURCES, doc: "how many of each bot's source addresses to use (default: all)" },
});
const path = (fallback: string, doc: string) => ({ type: 'name', pattern: PATH, form: 'a URL path starting with /', example: '/obj/1', default: fallback, doc }) as const;

export const ATTACK_KINDS = {
  'http-flood': {
    description: 'GETs for one cacheable object at a fixed rate: the edge answers from cache, so it tests what a PoP absorbs',
    unit: 'request',
    fields: defineFields({
      rate: rate(MAX_ATTACK_RATE, 'requests'),
      ...common,
      path: path(CACHEABLE_PATH, 'the path to request (cacheable by default)'),
      connections: { type: 'count', min: 1, max: 10_000, doc: 'keep-alive connections per bot to spread over (default: a new connection per request)' },
    }),
  },
  'cache-bust': {
    description: 'GETs with a random query string, so every one misses the cache and is aimed through it at the origin',
    unit: 'request',
    fields: defineFields({
      rate: rate(5_000, 'requests'),
      ...common,
      path: path(CACHEABLE_PATH, 'the path whose query gets a random cb=<n> added'),
      connections: { type: 'count', min: 1, max: 10_000, doc: 'keep-alive connections per bot (default: a new connection per request)' },
    }),
  },
  slowloris: {
    description: 'connections that send a request head one header line a second and never finish it',
    unit: 'connection',
    fields: defineFields({
      rate: rate(2_000, 'connection attempts'),
      ...common,
      path: path('/', 'the path in the never-finished request'),
      connections: { type: 'count', min: 1, max: 10_000, default: 200, doc: 'connections each bot holds open at once' },
    }),
  },
  'h2-rapid-reset': {
    description: 'HTTP/2 streams opened and cancelled at once (CVE-2023-44487): work for the server, nothing for the client',
    unit: 'stream',
    fields: defineFields({
      rate: rate(MAX_ATTACK_RATE, 'streams'),
      ...common,
      path: path('/', 'the path of every stream'),
      connections: { type: 'count', min: 1, max: 64, default: 4, doc: 'HTTP/2 sessions per bot' },
    }),
  },
  'syn-flood': {
    description: 'TCP SYNs to the HTTP port from the bots\' own addresses (hping3): half-open connections in the edge\'s kernel, no HTTP at all',
    unit: 'packet',
    fields: defineFields({
      rate: rate(MAX_ATTACK_RATE, 'SYN packets'),
      ...common,
    }),
  },
  'slow-origin': {
    description: 'requests for distinct uncached objects the origin answers slowly: the vector that made healthy edges withdraw',
    unit: 'request',
    fields: defineFields({
      rate: rate(50, 'requests'),
      ...common,
      path: path('/obj/1', 'the object path; delay=<ms>&k=<n> is added to its query'),
      delay: { type: 'duration', minMs: 100, maxMs: 10_000, default: 9_000, doc: 'how long the origin takes to answer each request' },
    }),
  },
} as const satisfies Record<string, AttackKindSpec>;

export type AttackKind = keyof typeof ATTACK_KINDS;
export const ATTACK_KIND_NAMES = Object.keys(ATTACK_KINDS) as AttackKind[];

export function isAttackKind(name: unknown): name is AttackKind {
  return typeof name === 'string' && Object.hasOwn(ATTACK_KINDS, name);
}

/** An attack's settings as the user gave them, checked: the kind's field names, values in units (ms, /s). */
export type AttackSettings = { readonly kind: AttackKind } & Readonly<Record<string, number | string | boolean | undefined>>;

export interface AttackFieldProblem {
  readonly field: string;
  readonly expected: string;
}

export type AttackFieldCheck = { readonly ok: true; readonly settings: AttackSettings } | { readonly ok: false; readonly problems: readonly AttackFieldProblem[] };

/**
 * Checks an attack's fields as the command line (through `plainScalar`) or a YAML file gives
 * them (`rate: 2000/s`, `for: 30s`), against the kind's specs: unknown fields, missing ones and
 * values out of bounds are all reported, each with what was expected.
 */
export function checkAttackFields(kind: AttackKind, raw: Readonly<Record<string, unknown>>): AttackFieldCheck {
  const fields: FieldSpecs = ATTACK_KINDS[kind].fields;
  const problems: AttackFieldProblem[] = [];
  const settings: Record<string, number | string | boolean | undefined> = {};
  for (const name of Object.keys(raw)) {
    if (!Object.hasOwn(fields, name) && raw[name] !== undefined) {
      problems.push({ field: name, expected: `no such field for ${kind}; it takes ${Object.keys(fields).join(', ')}` });
    }
  }
  for (const [name, spec] of Object.entries(fields)) {
    const value = raw[name];
    if (value === undefined) {
      if (spec.required) problems.push({ field: name, expected: `${expectedValue(spec)} (required)` });
      else settings[name] = spec.default;
      continue;
    }
    const checked = checkField(spec, value);
    if (checked.ok) settings[name] = checked.value;
    else problems.push({ field: name, expected: checked.expected });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: { ...settings, kind } };
}

/** `POST /attacks` on the agent, as validated (contracts/agent-api.ts re-exports it). */
export interface AttackParams {
  readonly kind: AttackKind;
  /** Units of the kind's rate (requests, connection attempts, streams, packets) per second. */
  readonly rps: number;
  readonly durationMs: number;
  readonly path: string;
  /** http-flood, cache-bust: keep-alive connections (absent: a new one per request); slowloris:
   * connections to hold open; h2-rapid-reset: HTTP/2 sessions. */
  readonly connections?: number;
  /** Use only the first N of the bot's source addresses (absent: all of them). */
  readonly sources?: number;
  /** slow-origin: how long the origin is asked to take. */
  readonly delayMs?: number;
}

/** A refused field of an agent request. */
export interface AttackParamError {
  readonly field: string;
  readonly message: string;
}

/** The agent request for checked settings (`sources`/`connections` left out when not set). */
export function attackParams(settings: AttackSettings): AttackParams {
  const number = (name: string): number | undefined => (typeof settings[name] === 'number' ? (settings[name] as number) : undefined);
  const connections = number('connections');
  const sources = number('sources');
  const delayMs = number('delay');
  return {
    kind: settings.kind,
    rps: number('rate') ?? 0,
    durationMs: number('for') ?? 0,
    path: typeof settings['path'] === 'string' ? settings['path'] : '/',
    ...(connections === undefined ? {} : { connections }),
    ...(sources === undefined ? {} : { sources }),
    ...(delayMs === undefined ? {} : { delayMs }),
  };
}

/** The agent's wire names for the kind's fields. */
const WIRE_NAME: Readonly<Record<string, string>> = { rate: 'rps', for: 'durationMs', delay: 'delayMs' };

export type AttackParamsCheck = { readonly ok: true; readonly value: AttackParams } | { readonly ok: false; readonly errors: readonly AttackParamError[] };

/**
 * Reads an agent request (numbers in ms and per second) against the same specs the command line
 * and scenario files are checked with, so the agent refuses exactly what they would; fields left
 * out take the kind's defaults.
 */
export function readAttackParams(params: Readonly<Record<string, unknown>>): AttackParamsCheck {
  if (!isAttackKind(params['kind'])) return { ok: false, errors: [{ field: 'kind', message: `expected one of ${ATTACK_KIND_NAMES.join(', ')}` }] };
  const kind = params['kind'];
  const fields: FieldSpecs = ATTACK_KINDS[kind].fields;
  const wireToField = new Map(Object.keys(fields).map((name) => [WIRE_NAME[name] ?? name, name]));
  const errors: AttackParamError[] = [];
  const raw: Record<string, unknown> = {};
  for (const [wire, value] of Object.entries(params)) {
    if (wire === 'kind') continue;
    const name = wireToField.get(wire);
    if (name === undefined) {
      errors.push({ field: wire, message: `no such field for ${kind}; it takes ${[...wireToField.keys()].join(', ')}` });
      continue;
    }
    // Durations travel as milliseconds; the spec reads them as written text.
    raw[name] = fields[name]!.type === 'duration' && typeof value === 'number' ? `${value}ms` : value;
  }
  const checked = checkAttackFields(kind, raw);
  if (!checked.ok) errors.push(...checked.problems.map((p) => ({ field: WIRE_NAME[p.field] ?? p.field, message: `expected ${p.expected}` })));
  return errors.length > 0 || !checked.ok ? { ok: false, errors } : { ok: true, value: attackParams(checked.settings) };
}

/**
 * Whether attacks may be aimed at `address`: the lab's anycast block (ATTACK_TARGET_PREFIX), or
 * loopback (an agent under test on one machine). Everything else is refused, whatever asks.
 */
export function isAttackTarget(address: string): boolean {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return false;
  const ip = parts.reduce((n, p) => n * 256 + Number(p), 0);
  const within = (network: string, bits: number) => {
    const base = network.split('.').reduce((n, p) => n * 256 + Number(p), 0);
    return ip >= base && ip < base + 2 ** (32 - bits);
  };
  return within(ATTACK_TARGET_PREFIX.network, ATTACK_TARGET_PREFIX.bits) || within('127.0.0.0', 8);
}
