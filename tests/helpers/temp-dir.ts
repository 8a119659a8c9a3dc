import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';

/** A fresh directory `anycast-lab-NAME-*` under the system temp dir, removed when the test ends, passed or failed. */
export function tempDir(t: ExecutionContext, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `anycast-lab-${name}-`));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
