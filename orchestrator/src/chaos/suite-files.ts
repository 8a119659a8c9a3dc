import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputInvalidError } from '../errors.ts';
import { readInputFile } from '../input/input-file.ts';
import { detectInputKind } from '../scenario/input-kind.ts';

/** A scenario file of a suite, read once: its absolute path and its text. */
export interface SuiteFile {
  readonly file: string;
  readonly text: string;
}

/**
 * The scenario files a suite names, each read once: files as given, and for a directory its
 * `*.yaml` files that are scenarios (by content: a topology or a README beside them is not one),
 * in name order.
 */
export async function readSuiteFiles(paths: readonly string[]): Promise<SuiteFile[]> {
  const files: SuiteFile[] = [];
  const read = async (path: string): Promise<SuiteFile> => ({ file: resolve(path), text: await readInputFile(resolve(path), 'SCENARIO_INVALID') });
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => {
      throw new InputInvalidError('SCENARIO_INVALID', [{ file: path, line: 1, column: 1, path: '', message: `cannot read: ${(error as Error).message}` }]);
    });
    if (!info.isDirectory()) {
      files.push(await read(path));
      continue;
    }
    const names = (await readdir(path)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
    for (const name of names) {
      const file = await read(join(path, name));
      if (detectInputKind(file.text) === 'scenario') files.push(file);
    }
  }
  return files;
}
