/**
 * Every failure a user can meet carries a stable `code` (callers branch on it) and a message that
 * says what to do (users read it). Modelled on undici's UND_ERR_* and fastify's FST_ERR_*.
 */
export type ErrorCode =
  | 'TOPOLOGY_INVALID'
  | 'SCENARIO_INVALID'
  | 'ADDRESS_COLLISION'
  | 'ENGINE_UNREACHABLE'
  | 'IMAGE_BUILD_FAILED'
  | 'LAB_NOT_FOUND'
  | 'LAB_NOT_READY'
  | 'LAB_CONFLICT'
  | 'FAULT_UNSUPPORTED'
  | 'FAULT_FAILED'
  | 'FAULT_IN_FORCE'
  | 'INTERRUPTED'
  | 'USAGE';

export class AnycastLabError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnycastLabError';
    this.code = code;
  }
}

/** One problem in an input file: where it is and what was expected there. */
export interface SourceIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Field path in the document, e.g. `pops[1].upstreams[0]`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
}

/** How many issues a message lists; a file with thousands of problems says how many more there are. */
export const MAX_LISTED_ISSUES = 50;

/** The first MAX_LISTED_ISSUES issues, one line each (with `indent`), then `... and N more`. */
export function formatIssueList(issues: readonly SourceIssue[], indent = ''): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `${indent}${formatSourceIssue(i)}`);
  const more = issues.length - listed.length;
  return [...listed, ...(more > 0 ? [`${indent}... and ${more} more`] : [])].join('\n');
}

export function formatSourceIssue(issue: SourceIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** A file that failed validation; `issues` holds every problem found, not only the first. */
export class InputInvalidError extends AnycastLabError {
  readonly issues: readonly SourceIssue[];
  constructor(code: 'TOPOLOGY_INVALID' | 'SCENARIO_INVALID', issues: readonly SourceIssue[]) {
    const what = code === 'TOPOLOGY_INVALID' ? 'topology' : 'scenario';
    const first = issues[0];
    const file = first ? first.file : '(unknown file)';
    super(
      code,
      `${file}: invalid ${what}, ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n` +
        formatIssueList(issues, '  '),
    );
    this.name = 'InputInvalidError';
    this.issues = issues;
  }
}

/** Readiness gave up: `pending` names each thing that was still not ready. */
export class LabNotReadyError extends AnycastLabError {
  readonly pending: readonly string[];
  constructor(lab: string, waitedMs: number, pending: readonly string[]) {
    super(
      'LAB_NOT_READY',
      `lab ${lab} not ready after ${(waitedMs / 1000).toFixed(0)} s; still waiting for:\n` +
        pending.map((p) => `  - ${p}`).join('\n') +
        `\n(\`anycast-lab status\` shows the lab; \`anycast-lab down\` removes it)`,
    );
    this.name = 'LabNotReadyError';
    this.pending = pending;
  }
}

/** What a step throws when its AbortSignal fired (Ctrl-C, SIGTERM): exit code 130. */
export function interrupted(): AnycastLabError {
  return new AnycastLabError('INTERRUPTED', 'interrupted');
}
