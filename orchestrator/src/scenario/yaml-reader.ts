/**
 * Reading a YAML document while keeping every value's position: readers return undefined for a bad
 * value and record an issue naming line, column and field path, so that one pass reports every
 * problem in the file.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { LineCounter, Node, YAMLMap } from 'yaml';
import { checkField, type FieldSpec, type FieldValue } from '../../../contracts/field-spec.ts';
import type { SourceIssue } from '../errors.ts';
import { describe } from '../model/source.ts';
import { didYouMean } from '../model/suggest.ts';
import type { ScenarioReference, SourcePosition } from './types.ts';

export interface ReadContext {
  readonly file: string;
  readonly lines: LineCounter;
  readonly issues: SourceIssue[];
  readonly references: ScenarioReference[];
}

/** A value node, or null for a key written with no value. */
export type ValueNode = Node | null;

export type ValueReader<T> = (ctx: ReadContext, node: ValueNode, path: string) => T | undefined;

export function positionOf(ctx: ReadContext, node: ValueNode, path: string, fallback?: ValueNode): SourcePosition {
  const offset = node?.range?.[0] ?? fallback?.range?.[0] ?? 0;
  const { line, col } = ctx.lines.linePos(offset);
  return { line, column: col, path };
}

export function report(ctx: ReadContext, node: ValueNode, path: string, message: string): undefined {
  ctx.issues.push({ file: ctx.file, ...positionOf(ctx, node, path), message });
  return undefined;
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** The fields of a YAML map, read by name. */
export class MapReader {
  readonly ctx: ReadContext;
  readonly node: YAMLMap;
  readonly path: string;
  private readonly fields = new Map<string, { key: Node; value: ValueNode }>();

  constructor(ctx: ReadContext, node: YAMLMap, path: string) {
    this.ctx = ctx;
    this.node = node;
    this.path = path;
    for (const pair of node.items) {
      const key = pair.key as Node;
      if (isScalar(key)) this.fields.set(String(key.value), { key, value: (pair.value as Node | null) ?? null });
      else report(ctx, key, path, 'keys must be plain names');
    }
  }

  /** Reports every key not in `allowed`, with the closest allowed one as a suggestion. */
  allowOnly(allowed: readonly string[], what: string): void {
    for (const [name, { key }] of this.fields) {
      if (!allowed.includes(name)) {
        const expected = allowed.length === 0 ? 'it takes no fields' : `expected one of: ${allowed.join(', ')}`;
        report(this.ctx, key, childPath(this.path, name), `unknown key \`${name}\` for ${what}${didYouMean(name, allowed)}; ${expected}`);
      }
    }
  }

  has(key: string): boolean {
    return this.fields.has(key);
  }

  value(key: string): ValueNode {
    return this.fields.get(key)?.value ?? null;
  }

  at(key: string): string {
    return childPath(this.path, key);
  }

  read<T>(key: string, reader: ValueReader<T>): T | undefined {
    return this.has(key) ? reader(this.ctx, this.value(key), this.at(key)) : undefined;
  }

  require<T>(key: string, reader: ValueReader<T>, what: string): T | undefined {
    if (!this.has(key)) return report(this.ctx, this.node, this.at(key), `missing \`${key}\`: ${what}`);
    return this.read(key, reader);
  }

  /** The position of a field's value, or of this map when the field is absent. */
  positionOf(key: string): SourcePosition {
    return positionOf(this.ctx, this.value(key), this.at(key), this.node);
  }
}

export function readMap(ctx: ReadContext, node: ValueNode, path: string, what: string): MapReader | undefined {
  if (!isMap(node)) return report(ctx, node, path, `expected a map (${what}), got ${describe(node)}`);
  return new MapReader(ctx, node, path);
}

/** The items of a sequence, with their paths. */
export function readList(ctx: ReadContext, node: ValueNode, path: string, what: string): Array<{ node: ValueNode; path: string }> | undefined {
  if (!isSeq(node)) return report(ctx, node, path, `expected a list (${what}), got ${describe(node)}`);
  return node.items.map((item, i) => ({ node: item as ValueNode, path: childPath(path, i) }));
}

export const readString: ValueReader<string> = (ctx, node, path) => {
  if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value.trim();
  return report(ctx, node, path, `expected a non-empty string, got ${describe(node)}`);
};

export const readBoolean: ValueReader<boolean> = (ctx, node, path) => {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  return report(ctx, node, path, `expected true or false, got ${describe(node)}`);
};

export function readNumber(min: number, max: number, integer = false): ValueReader<number> {
  return (ctx, node, path) => {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'number' && value >= min && value <= max && (!integer || Number.isInteger(value))) return value;
    return report(ctx, node, path, `expected ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${describe(node)}`);
  };
}

export function readDuration(minMs: number, maxMs: number): ValueReader<number> {
  return readField({ type: 'duration', minMs, maxMs, doc: '' });
}

export const readPercent: ValueReader<number> = readField({ type: 'percent', min: 0, max: 100, doc: '' });

/** Bit rates from 1kbit to 10gbit, as in topology files. */
export const readBitrate: ValueReader<number> = readField({ type: 'bitrate', minKbit: 1, maxKbit: 10_000_000, doc: '' });

export function readEnum<T extends string>(options: readonly T[]): ValueReader<T> {
  return (ctx, node, path) => {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
    const hint = typeof value === 'string' ? didYouMean(value, options) : '';
    return report(ctx, node, path, `expected one of ${options.join(', ')}, got ${describe(node)}${hint}`);
  };
}

/** A node name, remembered with its position so that it can be checked against the topology. */
export function readReference(kind: ScenarioReference['kind']): ValueReader<string> {
  return (ctx, node, path) => {
    const name = readString(ctx, node, path);
    if (name !== undefined) ctx.references.push({ kind, name, ...positionOf(ctx, node, path) });
    return name;
  };
}

export function readReferenceList(kind: ScenarioReference['kind'], what: string): ValueReader<string[]> {
  return (ctx, node, path) => {
    const items = readList(ctx, node, path, what);
    if (items === undefined) return undefined;
    if (items.length === 0) return report(ctx, node, path, `expected at least one ${what}`);
    const names = items.map((item) => readReference(kind)(ctx, item.node, item.path));
    return names.every((n) => n !== undefined) ? (names as string[]) : undefined;
  };
}

/** A value checked against its field spec (contracts/field-spec.ts): the same bounds and wording as on the command line. */
export function readField<F extends FieldSpec>(spec: F): ValueReader<FieldValue<F>> {
  return (ctx, node, path) => {
    const raw = isScalar(node) ? node.value : undefined;
    const checked = checkField(spec, raw);
    if (checked.ok) return checked.value;
    const hint = spec.type === 'enum' && typeof raw === 'string' ? didYouMean(raw, spec.values) : '';
    return report(ctx, node, path, `expected ${checked.expected}, got ${describe(node)}${hint}`);
  };
}
