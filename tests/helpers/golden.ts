import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExecutionContext } from 'ava';

/** Compares text with a golden file; UPDATE_GOLDEN=1 rewrites the file instead. */
export function assertGolden(t: ExecutionContext, file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    t.pass();
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(file, 'utf8');
  } catch {
    t.fail(`golden file ${file} is missing; run UPDATE_GOLDEN=1 npm run test:unit to write it`);
    return;
  }
  t.is(actual, expected, `${file} differs (UPDATE_GOLDEN=1 rewrites it after a deliberate change)`);
}
