/**
 * One vocabulary for the fields of a kind (a fault kind, an attack kind): its type, its bounds, its
 * default and what it means. The scenario reader, the command-line parser, the agent and the docs
 * all check and describe a field from its spec, so that bounds cannot drift between them.
 *
 * Values are checked as a YAML plain scalar reads them (`3` a number, `20%` a string); command-line
 * text goes through `plainScalar` first, so `--count 3` and `count: 3` are the same value.
 */
import { parseBitrateKbit, parseDurationMs, parsePercent, parseRequestRate, writeBitrate, writeDuration } from './units.ts';

interface Common {
  /** What the field means, one line (for --help and the docs tables). */
  readonly doc: string;
  /** A value must be given (there is no default). */
  readonly required?: boolean;
}

export interface DurationField extends Common {
  readonly type: 'duration';
  readonly minMs: number;
  readonly maxMs: number;
  readonly default?: number;
}

export interface PercentField extends Common {
  readonly type: 'percent';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

export interface BitrateField extends Common {
  readonly type: 'bitrate';
  readonly minKbit: number;
  readonly maxKbit: number;
  readonly default?: number;
}

/** A whole number. */
export interface CountField extends Common {
  readonly type: 'count';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

export interface NumberField extends Common {
  readonly type: 'number';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

/** Requests per second, `50/s`. */
export interface RequestRateField extends Common {
  readonly type: 'request-rate';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

/** A string of a given form, e.g. a node name or `<pop>/<server>`. */
export interface NameField extends Common {
  readonly type: 'name';
  readonly pattern: RegExp;
  /** What the form is, e.g. `<pop>/<server>`. */
  readonly form: string;
  readonly example: string;
  readonly default?: string;
}

export interface EnumField<T extends string = string> extends Common {
  readonly type: 'enum';
  readonly values: readonly T[];
  readonly default?: T;
}

export interface BooleanField extends Common {
  readonly type: 'boolean';
  readonly default?: boolean;
}

export type FieldSpec =
  | DurationField
  | PercentField
  | BitrateField
  | CountField
  | NumberField
  | RequestRateField
  | NameField
  | EnumField
  | BooleanField;

export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

/** The value a field of this spec reads as. */
export type FieldValue<F extends FieldSpec> = F extends EnumField<infer T> ? T : F extends NameField ? string : F extends BooleanField ? boolean : number;

/** The values of a set of fields: those with a default or `required` are always there. */
export type FieldValues<F extends FieldSpecs> = {
  readonly [K in keyof F as F[K] extends { required: true } | { default: unknown } ? K : never]: FieldValue<F[K]>;
} & {
  readonly [K in keyof F as F[K] extends { required: true } | { default: unknown } ? never : K]?: FieldValue<F[K]>;
};

export type FieldCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

/** A single field spec, with its value type kept (`enumField(['a', 'b'])` stays `'a' | 'b'`). */
export function defineFields<const F extends FieldSpecs>(fields: F): F {
  return fields;
}

/** How a value of this spec is written, e.g. `2s`, `20%`, `10mbit`. */
export function writeFieldValue(spec: FieldSpec, value: unknown): string {
  switch (spec.type) {
    case 'duration':
      return writeDuration(value as number);
    case 'percent':
      return `${value as number}%`;
    case 'bitrate':
      return writeBitrate(value as number);
    case 'request-rate':
      return `${value as number}/s`;
    default:
      return String(value);
  }
}

/** The range or form a value must have, e.g. `a duration from 0ms to 10s`. */
export function expectedValue(spec: FieldSpec): string {
  const range = (min: unknown, max: unknown) => `from ${writeFieldValue(spec, min)} to ${writeFieldValue(spec, max)}`;
  switch (spec.type) {
    case 'duration':
      return `a duration ${range(spec.minMs, spec.maxMs)}, such as 500ms or 2s`;
    case 'percent':
      return `a percentage ${range(spec.min, spec.max)}, such as 20%`;
    case 'bitrate':
      return `a bit rate ${range(spec.minKbit, spec.maxKbit)}, such as 500kbit or 10mbit`;
    case 'count':
      return `a whole number ${range(spec.min, spec.max)}`;
    case 'number':
      return `a number ${range(spec.min, spec.max)}`;
    case 'request-rate':
      return `a request rate ${range(spec.min, spec.max)}, such as 50/s`;
    case 'name':
      return `${spec.form}, e.g. ${spec.example}`;
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'boolean':
      return 'true or false';
  }
}

const inRange = (n: number | undefined, min: number, max: number): n is number => n !== undefined && Number.isFinite(n) && n >= min && n <= max;

function checkValue(spec: FieldSpec, raw: unknown): unknown {
  switch (spec.type) {
    case 'duration': {
      const ms = parseDurationMs(raw);
      return inRange(ms, spec.minMs, spec.maxMs) ? ms : undefined;
    }
    case 'percent': {
      const n = parsePercent(raw);
      return inRange(n, spec.min, spec.max) ? n : undefined;
    }
    case 'bitrate': {
      const kbit = parseBitrateKbit(raw);
      return inRange(kbit, spec.minKbit, spec.maxKbit) ? kbit : undefined;
    }
    case 'count':
      return typeof raw === 'number' && Number.isInteger(raw) && inRange(raw, spec.min, spec.max) ? raw : undefined;
    case 'number':
      return typeof raw === 'number' && inRange(raw, spec.min, spec.max) ? raw : undefined;
    case 'request-rate': {
      const n = parseRequestRate(raw);
      return inRange(n, spec.min, spec.max) ? n : undefined;
    }
    case 'name':
      return typeof raw === 'string' && spec.pattern.test(raw) ? raw : undefined;
    case 'enum':
      return typeof raw === 'string' && spec.values.includes(raw) ? raw : undefined;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : undefined;
  }
}

/** Checks a value against its spec: the value, or what was expected instead. */
export function checkField<F extends FieldSpec>(spec: F, raw: unknown): FieldCheck<FieldValue<F>> {
  const value = checkValue(spec, raw);
  return value === undefined ? { ok: false, expected: expectedValue(spec) } : { ok: true, value: value as FieldValue<F> };
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Command-line text as a YAML plain scalar reads it: `3` a number, `true` a boolean, the rest text. */
export function plainScalar(text: string): unknown {
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) return Number(trimmed);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  return trimmed;
}

/** A field's bounds and default as the docs show them, e.g. `0ms..10s, default 2s`. */
export function describeField(spec: FieldSpec): string {
  const range = (min: unknown, max: unknown) => `${writeFieldValue(spec, min)}..${writeFieldValue(spec, max)}`;
  const bounds = (() => {
    switch (spec.type) {
      case 'duration':
        return range(spec.minMs, spec.maxMs);
      case 'bitrate':
        return range(spec.minKbit, spec.maxKbit);
      case 'percent':
      case 'count':
      case 'number':
      case 'request-rate':
        return range(spec.min, spec.max);
      case 'name':
        return spec.form;
      case 'enum':
        return spec.values.join(' | ');
      case 'boolean':
        return 'true | false';
    }
  })();
  const fallback = spec.default === undefined ? (spec.required ? ', required' : '') : `, default ${writeFieldValue(spec, spec.default)}`;
  return `${bounds}${fallback}`;
}

/** The placeholder a usage line shows for a value of this spec: `DURATION`, `N`, `both|a-to-b`. */
export function fieldPlaceholder(spec: FieldSpec): string {
  switch (spec.type) {
    case 'duration':
      return 'DURATION';
    case 'percent':
      return 'PERCENT';
    case 'bitrate':
      return 'BITRATE';
    case 'count':
      return 'N';
    case 'number':
      return 'NUMBER';
    case 'request-rate':
      return 'RATE';
    case 'name':
      return spec.form.toUpperCase().replace(/[<>]/g, '');
    case 'enum':
      return spec.values.join('|');
    case 'boolean':
      return 'true|false';
  }
}
