/**
 * A YAML input file (a topology or a scenario) as its readers see it: every value with its place in
 * the file (line, column) and in the document (field path), and one list that every reader adds its
 * issues to. A reader that needs more per file (the scenario's node references) extends `Source`.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from 'yaml';
import type { Document, Node } from 'yaml';
import type { SourceIssue } from '../errors.ts';

export type PathSegment = string | number;

/** Where a value is: everything an issue says except what is wrong. */
export type Where = Omit<SourceIssue, 'message'>;

/** Where a value is within its file: line, column and field path. */
export type Position = Omit<Where, 'file'>;

export interface Located<T> {
  readonly value: T;
  readonly where: Where;
}

export interface Source {
  readonly file: string;
  readonly lines: LineCounter;
  /** Resolves aliases; absent for values that did not come from a file. */
  readonly doc?: Document;
  readonly issues: SourceIssue[];
}

/** A place in the document where a value is, or should be. */
export interface Slot<S extends Source = Source> {
  readonly source: S;
  readonly path: readonly PathSegment[];
  /** The value with aliases resolved; undefined when the key is absent or its value is empty. */
  readonly node: Node | undefined;
  /** What an issue points at: the value as written, or the map that lacks it. */
  readonly at: Node;
}

/** The file name of values given on the command line instead of in the file. */
export const OVERRIDE_FILE = '<override>';

function formatPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

export function whereOf(slot: Slot): Where {
  return { file: slot.source.file, ...positionOf(slot) };
}

export function positionOf(slot: Slot): Position {
  const { line, col } = slot.source.lines.linePos(slot.at.range?.[0] ?? 0);
  return { line, column: col, path: formatPath(slot.path) };
}

/** Records an issue at `slot`; returns undefined so that a reader can `return fail(...)`. */
export function fail(slot: Slot, message: string): undefined {
  slot.source.issues.push({ ...whereOf(slot), message });
  return undefined;
}

/** `pops[0].name, line 3`: where an earlier value is, as a message mentions it. */
export function formatPlace(where: Where): string {
  return `${where.path}, line ${where.line}`;
}

export function issueAt(where: Where, message: string): SourceIssue {
  return { ...where, message };
}

const MAX_QUOTED = 60;

/** A value as an issue quotes it: `"abc"`, `42`; cut to about 60 characters, so a huge value does not flood the message. */
export function quote(value: unknown): string {
  return cut(typeof value === 'string' ? JSON.stringify(value) : String(value));
}

function cut(text: string): string {
  return text.length <= MAX_QUOTED ? text : `${text.slice(0, MAX_QUOTED)}... (${text.length} characters)`;
}

/** A node as an issue quotes it: `"abc"`, `42`, `a list`. A number too large to be finite is quoted as written. */
export function describe(node: Node | null | undefined): string {
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a map';
  if (!isScalar(node) || node.value === null) return 'nothing';
  if (typeof node.value === 'number' && !Number.isFinite(node.value) && typeof node.source === 'string') return cut(node.source);
  return quote(node.value);
}

/** The value a written node stands for: aliases resolved, an empty value (`key:`) as absent. */
function resolveNode(source: Source, written: unknown): Node | undefined {
  const node = isAlias(written) && source.doc ? written.resolve(source.doc) : (written as Node | undefined);
  return isScalar(node) && node.value === null ? undefined : node;
}

export function childSlot<S extends Source>(parent: Slot<S>, segment: PathSegment, written: Node | undefined): Slot<S> {
  return {
    source: parent.source,
    path: [...parent.path, segment],
    node: resolveNode(parent.source, written),
    at: written ?? parent.at,
  };
}

/**
 * Parses `text` and returns the slot of the whole document, or undefined when it is not YAML
 * (each syntax error recorded with the parser's position). `extra` is what a reader keeps per file
 * besides the issues.
 */
export function openSource<X extends object = object>(text: string, file: string, issues: SourceIssue[], extra?: X): Slot<Source & X> | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    issues.push({ file, line, column: col, path: '', message: `not valid YAML: ${error.message}` });
  }
  if (doc.errors.length > 0) return undefined;
  const source = { ...(extra as X), file, lines, doc, issues };
  const written = doc.contents ?? undefined;
  return { source, path: [], node: resolveNode(source, written), at: written ?? new Scalar(null) };
}

/** A value given outside the file (a command-line override), located at `<override>:1:1`. */
export function overrideSlot(value: string, path: readonly PathSegment[], issues: SourceIssue[]): Slot {
  const lines = new LineCounter();
  lines.addNewLine(0);
  const node = new Scalar(value);
  return { source: { file: OVERRIDE_FILE, lines, issues }, path, node, at: node };
}
