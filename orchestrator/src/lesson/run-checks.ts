import { evaluateCheck, type CheckVerdict, type LabView, type NamedCheck } from './lesson-checks.ts';

export interface CheckResult extends CheckVerdict {
  readonly name: string;
  /** The student's message: the check's `pass` or `fail` text. */
  readonly message: string;
  readonly waitedMs: number;
}

export interface CheckClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: CheckClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs the checks in order, each retried (a fresh view every `pollMs`) until it passes or its
 * wait runs out, so a lesson can be checked while the lab is still converging.
 */
export async function runChecks(
  checks: readonly NamedCheck[],
  readView: () => Promise<LabView>,
  { clock = realClock, pollMs = 1000, onResult = () => {} }: { clock?: CheckClock; pollMs?: number; onResult?: (r: CheckResult) => void } = {},
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const started = clock.now();
    let verdict = evaluateCheck(check.check, await readView());
    while (!verdict.passed && clock.now() - started < check.waitMs) {
      await clock.sleep(pollMs);
      verdict = evaluateCheck(check.check, await readView());
    }
    const result = { name: check.name, ...verdict, message: verdict.passed ? check.pass : check.fail, waitedMs: clock.now() - started };
    onResult(result);
    results.push(result);
  }
  return results;
}
