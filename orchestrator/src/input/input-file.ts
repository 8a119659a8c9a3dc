/** Reading a topology or scenario file: bounded in size, every failure an issue at the file's top. */
import { open } from 'node:fs/promises';
import { InputInvalidError } from '../errors.ts';

/** The largest input file read: the shipped world topology is 2 KiB; a 42 MB file took minutes and GBs. */
export const MAX_INPUT_BYTES = 1024 * 1024;

function unreadable(error: unknown, what: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return `it is a directory, not a ${what} file`;
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** The text of `absolute`; throws InputInvalidError(code) when it cannot be read or is over MAX_INPUT_BYTES. */
export async function readInputFile(absolute: string, code: 'TOPOLOGY_INVALID' | 'SCENARIO_INVALID'): Promise<string> {
  const what = code === 'TOPOLOGY_INVALID' ? 'topology' : 'scenario';
  const refuse = (message: string): InputInvalidError => new InputInvalidError(code, [{ file: absolute, line: 1, column: 1, path: '', message }]);
  let handle;
  try {
    handle = await open(absolute, 'r');
  } catch (error) {
    throw refuse(`cannot read the ${what} file: ${unreadable(error, what)}`);
  }
  try {
    // One byte more than allowed tells a file that is too large, without reading all of it.
    const buffer = Buffer.alloc(MAX_INPUT_BYTES + 1);
    let size = 0;
    while (size < buffer.length) {
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size, size);
      if (bytesRead === 0) break;
      size += bytesRead;
    }
    if (size > MAX_INPUT_BYTES) throw refuse(`the file is larger than ${MAX_INPUT_BYTES / 1024} KiB; a ${what} file is a few KiB (is this the right file?)`);
    return buffer.subarray(0, size).toString('utf8');
  } catch (error) {
    if (error instanceof InputInvalidError) throw error;
    throw refuse(`cannot read the ${what} file: ${unreadable(error, what)}`);
  } finally {
    await handle.close();
  }
}
