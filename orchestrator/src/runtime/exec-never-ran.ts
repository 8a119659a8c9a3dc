import type { ExecResult } from './runtime.ts';

/**
 * Whether a `docker exec` ended without running its command: the runtime could not start the
 * process (126 and runc's "OCI runtime exec failed", e.g. "write init-p: broken pipe"), or it ended
 * at once with 130 and no output at all. Both are seen here (Docker 20.10, runc) within about a
 * second of a container's `docker start`; the same command a moment later runs. A command that ran
 * and failed says something (the lab's scripts print `@effective` first), so it is never mistaken
 * for one that never ran.
 */
export function execNeverRan(result: ExecResult): boolean {
  // Docker writes runc's message into the attached stream, on stdout or on stderr.
  if (result.exitCode === 126) return /OCI runtime exec failed/.test(result.stdout + result.stderr);
  return result.exitCode === 130 && result.stdout === '' && result.stderr === '';
}

/** How often, and how far apart, an exec that never ran is tried again: up to 10 s (seen: over 1.2 s, three containers started at once). */
export const EXEC_START_ATTEMPTS = 20;
export const EXEC_START_RETRY_MS = 500;
