import { AnycastLabError, type ErrorCode } from '../errors.ts';
import type { SuiteReport } from '../report/suite-report.ts';

/**
 * Exit codes CI can tell apart (documented in docs/cli.md): a failed expectation or invalid input
 * is the user's result; usage is a mistyped command line; "broken" means the run itself could not
 * be carried out (engine gone, lab not ready, a fault that could not be applied).
 */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  broken: 3,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_CODE: Record<ErrorCode, ExitCode> = {
  TOPOLOGY_INVALID: EXIT.failed,
  SCENARIO_INVALID: EXIT.failed,
  ADDRESS_COLLISION: EXIT.failed,
  ENGINE_UNREACHABLE: EXIT.broken,
  IMAGE_BUILD_FAILED: EXIT.broken,
  LAB_NOT_FOUND: EXIT.broken,
  LAB_NOT_READY: EXIT.broken,
  LAB_CONFLICT: EXIT.broken,
  FAULT_UNSUPPORTED: EXIT.failed,
  FAULT_FAILED: EXIT.broken,
  FAULT_IN_FORCE: EXIT.broken,
  INTERRUPTED: EXIT.interrupted,
  USAGE: EXIT.usage,
};

/** The exit code for an error a command threw; anything that is not ours is a broken run. */
export function exitCodeFor(error: unknown): ExitCode {
  return error instanceof AnycastLabError ? BY_CODE[error.code] : EXIT.broken;
}

/** The exit code a suite ends with: broken when a run broke, else failed when it did not pass, else ok. */
export function suiteExitCode(report: SuiteReport): ExitCode {
  if (report.scenarios.some((s) => s.verdict === 'broken')) return EXIT.broken;
  return report.passed ? EXIT.ok : EXIT.failed;
}
