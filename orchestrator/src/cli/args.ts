import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AnycastLabError } from '../errors.ts';
import { parseDurationMs } from '../model/units.ts';

/** util.parseArgs with errors that name the command and the flag. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(command: string, argv: readonly string[], options: T, usage: string) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new AnycastLabError('USAGE', `anycast-lab ${command}: ${(error as Error).message}\nusage: anycast-lab ${usage}`);
  }
}

export function durationFlag(command: string, flag: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const ms = parseDurationMs(value);
  if (ms === undefined) throw new AnycastLabError('USAGE', `anycast-lab ${command}: --${flag} ${value}: expected a duration such as 90s or 2m`);
  return ms;
}
