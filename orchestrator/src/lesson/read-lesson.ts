import { parse } from 'yaml';
import { parseDurationMs } from '../../../contracts/units.ts';
import { AnycastLabError } from '../errors.ts';
import type { LessonCheck, NamedCheck } from './lesson-checks.ts';

/**
 * A lesson page: Markdown with a YAML front block that declares its number, title and checks.
 *
 *   ---
 *   lesson: 1
 *   title: Catchment and explain
 *   checks:
 *     - { name: users-west is served by west, catchment: users-west, pop: west, wait: 30s,
 *         pass: "...", fail: "..." }
 *   ---
 */

export interface Lesson {
  readonly number: number;
  readonly title: string;
  readonly file: string;
  /** The topology the lesson's lab is brought up from. */
  readonly topology: string;
  readonly checks: readonly NamedCheck[];
  readonly body: string;
}

const DEFAULT_WAIT_MS = 30_000;
const MAX_WAIT_MS = 600_000;

function invalid(file: string, message: string): AnycastLabError {
  return new AnycastLabError('USAGE', `${file}: ${message}`);
}

function text(file: string, where: string, raw: Record<string, unknown>, key: string): string {
  const value = raw[key];
  if (typeof value !== 'string' || value === '') throw invalid(file, `${where}: \`${key}\` must be a non-empty string`);
  return value;
}

function readReportCheck(file: string, where: string, r: Record<string, unknown>): LessonCheck {
  const bound = (key: 'min' | 'max'): { min?: number } | { max?: number } => {
    if (r[key] === undefined) return {};
    if (typeof r[key] !== 'number' || !Number.isFinite(r[key])) throw invalid(file, `${where}: \`${key}\` must be a number`);
    return { [key]: r[key] };
  };
  const is = r.is === undefined ? {} : { is: String(r.is) };
  const check = { kind: 'report' as const, file: text(file, where, r, 'report'), figure: text(file, where, r, 'figure'), ...bound('min'), ...bound('max'), ...is };
  if (!('min' in check) && !('max' in check) && !('is' in check)) throw invalid(file, `${where}: a report check needs \`min\`, \`max\` or \`is\``);
  return check;
}

function readCheck(file: string, raw: unknown, index: number): NamedCheck {
  const where = `checks[${index}]`;
  if (typeof raw !== 'object' || raw === null) throw invalid(file, `${where}: expected a mapping`);
  const r = raw as Record<string, unknown>;
  const kinds = ['catchment', 'explain', 'bgp', 'prefixes', 'node', 'report'].filter((k) => k in r);
  if (kinds.length !== 1) throw invalid(file, `${where}: name exactly one of catchment, explain, bgp, prefixes, node, report (found ${kinds.join(', ') || 'none'})`);
  const kind = kinds[0]!;
  let check: LessonCheck;
  if (kind === 'catchment' || kind === 'explain') check = { kind, client: text(file, where, r, kind), pop: text(file, where, r, 'pop') };
  else if (kind === 'bgp') check = { kind, router: text(file, where, r, 'bgp'), peer: text(file, where, r, 'peer'), state: text(file, where, r, 'state') };
  else if (kind === 'prefixes') {
    if (typeof r.min !== 'number' || !Number.isInteger(r.min) || r.min < 0) throw invalid(file, `${where}: \`min\` must be a whole number`);
    check = { kind, router: text(file, where, r, 'prefixes'), peer: text(file, where, r, 'peer'), min: r.min };
  } else if (kind === 'report') check = readReportCheck(file, where, r);
  else check = { kind: 'node', node: text(file, where, r, 'node'), state: text(file, where, r, 'state') };
  const waitMs = r.wait === undefined ? DEFAULT_WAIT_MS : parseDurationMs(String(r.wait));
  if (waitMs === undefined || waitMs < 0 || waitMs > MAX_WAIT_MS) throw invalid(file, `${where}: \`wait\` must be a duration up to 10m, such as 30s`);
  return { name: text(file, where, r, 'name'), check, waitMs, pass: text(file, where, r, 'pass'), fail: text(file, where, r, 'fail') };
}

export function parseLesson(source: string, file: string): Lesson {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source);
  if (!match) throw invalid(file, 'a lesson starts with a YAML front block between `---` lines');
  let front: unknown;
  try {
    front = parse(match[1]!);
  } catch (error) {
    throw invalid(file, `front block is not YAML: ${(error as Error).message}`);
  }
  const f = (front ?? {}) as Record<string, unknown>;
  if (typeof f.lesson !== 'number' || !Number.isInteger(f.lesson) || f.lesson < 1) throw invalid(file, '`lesson` must be the lesson number');
  const checks = f.checks === undefined ? [] : f.checks;
  if (!Array.isArray(checks)) throw invalid(file, '`checks` must be a list');
  return {
    number: f.lesson,
    title: text(file, 'front block', f, 'title'),
    file,
    topology: text(file, 'front block', f, 'topology'),
    checks: checks.map((c, i) => readCheck(file, c, i)),
    body: match[2]!,
  };
}

/** The shell lines of a lesson that run the CLI (`anycast-lab ...` or `npx anycast-lab ...`), as argument lists. */
export function lessonCommands(body: string): string[][] {
  const blocks = [...body.matchAll(/```(?:sh|shell|bash|console)\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/^\$\s*/, '').replace(/\s+#.*$/, '').trim())
    .filter((line) => /^(npx )?anycast-lab(\s|$)/.test(line))
    .map((line) => line.replace(/^npx /, '').split(/\s+/).slice(1));
}
