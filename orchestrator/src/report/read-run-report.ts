import { readFile } from 'node:fs/promises';
import { AnycastLabError } from '../errors.ts';
import type { RunReport } from './types.ts';

const FIELDS: readonly (readonly [string, 'string' | 'number' | 'boolean' | 'array' | 'object'])[] = [
  ['scenario', 'string'],
  ['lab', 'string'],
  ['passed', 'boolean'],
  ['started_at', 'string'],
  ['duration_ms', 'number'],
  ['expectations', 'array'],
  ['faults', 'array'],
  ['clients', 'array'],
  ['pops', 'array'],
  ['timeline', 'object'],
];

const kindOf = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** A chaos run report read back from `chaos run --json FILE`; anything else is refused, saying what is missing. */
export function parseRunReport(text: string, file: string): RunReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AnycastLabError('USAGE', `${file} is not JSON (${(error as Error).message}); expected the report of \`anycast-lab chaos run SCENARIO --json FILE\``);
  }
  const wrong = kindOf(value) !== 'object'
    ? ['the document']
    : FIELDS.filter(([key, kind]) => kindOf((value as Record<string, unknown>)[key]) !== kind).map(([key, kind]) => `${key} (${kind})`);
  const timeline = (value as { timeline?: Record<string, unknown> } | null)?.timeline;
  if (wrong.length === 0 && !['clients', 'bgp', 'routes'].every((k) => Array.isArray(timeline?.[k]))) wrong.push('timeline.clients, timeline.bgp, timeline.routes (arrays)');
  if (wrong.length === 0 && !((value as { duration_ms: number }).duration_ms >= 0)) wrong.push('duration_ms (a number of ms, 0 or more)');
  if (wrong.length > 0) {
    throw new AnycastLabError('USAGE', `${file} is not a chaos run report: missing or wrong ${wrong.join(', ')}; write one with \`anycast-lab chaos run SCENARIO --json FILE\``);
  }
  return value as RunReport;
}

/** A run report from its file: a file that cannot be read, or is not a report, is a USAGE error naming it. */
export async function readRunReportFile(file: string): Promise<RunReport> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new AnycastLabError('USAGE', `cannot read ${file}: ${error.message}`);
  });
  return parseRunReport(text, file);
}
