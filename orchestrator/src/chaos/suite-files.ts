import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputInvalidError } from '../errors.ts';
import { detectInputKind } from '../scenario/input-kind.ts';

/**
 * The scenario files a suite names: files as given, and for a directory its `*.yaml` files that
 * are scenarios (by content: a topology or a README beside them is not one), in name order.
 */
export async function expandScenarioPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => {
      throw new InputInvalidError('SCENARIO_INVALID', [{ file: path, line: 1, column: 1, path: '', message: `cannot read: ${(error as Error).message}` }]);
    });
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
    for (const name of names) {
      const file = join(path, name);
      if (detectInputKind(await readFile(file, 'utf8')) === 'scenario') files.push(file);
    }
  }
  return files;
}
