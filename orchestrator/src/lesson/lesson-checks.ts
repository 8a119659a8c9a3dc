import type { LabStatus } from '../lab/status.ts';
import { readFigure } from './report-figure.ts';

/**
 * A lesson's machine-checked part, netlab `validate` style: each check names what to look at in
 * a running lab (what `status --json` and `explain --json` return), what it should be, how long to
 * wait for it, and what to tell the student either way. Evaluation is pure: a check and a view of
 * the lab in, a verdict out; the retrying is the caller's.
 */

export type LessonCheck =
  | { readonly kind: 'catchment'; readonly client: string; readonly pop: string }
  | { readonly kind: 'explain'; readonly client: string; readonly pop: string }
  | { readonly kind: 'bgp'; readonly router: string; readonly peer: string; readonly state: string }
  | { readonly kind: 'prefixes'; readonly router: string; readonly peer: string; readonly min: number }
  | { readonly kind: 'node'; readonly node: string; readonly state: string }
  /** A figure of a chaos run's JSON report (`chaos run ... --json FILE`): within bounds, or equal to a text. */
  | { readonly kind: 'report'; readonly file: string; readonly figure: string; readonly min?: number; readonly max?: number; readonly is?: string };

/** A report file as the checks see it: its parsed JSON, or why it could not be read. */
export type ReportFile = { readonly json: unknown } | { readonly error: string };

export interface NamedCheck {
  readonly name: string;
  readonly check: LessonCheck;
  /** How long the check may take to come true, ms. */
  readonly waitMs: number;
  readonly pass: string;
  readonly fail: string;
}

/** What the checks read: the lab's status, and for `explain` checks the PoP each client's best path ends at. */
export interface LabView {
  readonly status: LabStatus;
  readonly landsOn: ReadonlyMap<string, string | null>;
  /** The report files `report` checks name, by the name as written. */
  readonly reports?: ReadonlyMap<string, ReportFile>;
}

export interface CheckVerdict {
  readonly passed: boolean;
  /** What was seen, in words (`east`, `Idle`, `3 prefixes`, `no probe answered`). */
  readonly observed: string;
}

/** `west`, `not west` or `any` (some PoP answered). */
export function matchesExpected(expected: string, observed: string | null): boolean {
  if (observed === null) return false;
  if (expected === 'any') return true;
  const negated = /^not\s+(.+)$/.exec(expected);
  return negated ? observed !== negated[1] : observed === expected;
}

/** Every probe of the client must agree on one PoP for a catchment to count. */
function catchmentOf(status: LabStatus, client: string): { pop: string | null; observed: string } {
  const entries = status.catchment.filter((c) => c.client === client);
  if (entries.length === 0) return { pop: null, observed: 'no probe of this client in the lab' };
  const pops = [...new Set(entries.map((e) => e.pop ?? `(${e.outcome})`))];
  if (pops.length > 1) return { pop: null, observed: `probes disagree: ${pops.join(', ')}` };
  const pop = entries[0]!.pop ?? null;
  return { pop, observed: pop ?? `no PoP answered (${entries[0]!.outcome})` };
}

function session(status: LabStatus, router: string, peer: string) {
  return status.bgp.find((s) => s.router === router && (s.peerName === peer || s.peer === peer));
}

export function evaluateCheck(check: LessonCheck, view: LabView): CheckVerdict {
  switch (check.kind) {
    case 'catchment': {
      const { pop, observed } = catchmentOf(view.status, check.client);
      return { passed: matchesExpected(check.pop, pop), observed };
    }
    case 'explain': {
      const pop = view.landsOn.get(check.client) ?? null;
      return { passed: matchesExpected(check.pop, pop), observed: pop ?? 'reaches no PoP' };
    }
    case 'bgp': {
      const s = session(view.status, check.router, check.peer);
      return { passed: matchesExpected(check.state, s?.state ?? null), observed: s?.state ?? 'no such session' };
    }
    case 'prefixes': {
      const s = session(view.status, check.router, check.peer);
      return { passed: s !== undefined && s.prefixesReceived >= check.min, observed: s ? `${s.prefixesReceived} prefixes` : 'no such session' };
    }
    case 'node': {
      const n = view.status.nodes.find((x) => x.name === check.node);
      return { passed: matchesExpected(check.state, n?.state ?? null), observed: n?.state ?? 'no such node' };
    }
    case 'report':
      return evaluateReportCheck(check, view.reports?.get(check.file));
  }
}

function evaluateReportCheck(check: Extract<LessonCheck, { kind: 'report' }>, file: ReportFile | undefined): CheckVerdict {
  if (file === undefined) return { passed: false, observed: `${check.file} was not read` };
  if ('error' in file) return { passed: false, observed: file.error };
  const lookup = readFigure(file.json, check.figure);
  if (!lookup.found) return { passed: false, observed: lookup.missing };
  const { value } = lookup;
  if (check.is !== undefined) return { passed: String(value) === check.is, observed: String(value) };
  if (typeof value !== 'number') return { passed: false, observed: `${JSON.stringify(value)} (not a number)` };
  return { passed: value >= (check.min ?? -Infinity) && value <= (check.max ?? Infinity), observed: String(value) };
}

/** A check in words, for the list and the results. */
export function describeCheck(check: LessonCheck): string {
  switch (check.kind) {
    case 'catchment':
      return `catchment of ${check.client} is ${check.pop}`;
    case 'explain':
      return `explain ${check.client} lands on ${check.pop}`;
    case 'bgp':
      return `BGP ${check.router} - ${check.peer} is ${check.state}`;
    case 'prefixes':
      return `${check.router} receives at least ${check.min} prefixes from ${check.peer}`;
    case 'node':
      return `node ${check.node} is ${check.state}`;
    case 'report': {
      const bounds = check.is !== undefined ? `is ${check.is}` : [check.min === undefined ? '' : `>= ${check.min}`, check.max === undefined ? '' : `<= ${check.max}`].filter(Boolean).join(' and ');
      return `${check.figure} in ${check.file} ${bounds}`;
    }
  }
}
