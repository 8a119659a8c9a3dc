import { parseArgs } from 'node:util';
import { AnycastLabError } from '../errors.ts';
import { flagValue } from './flag-value.ts';
import { didYouMean } from '../input/suggest.ts';
import { checkLabName } from './context.ts';
import type { CommandSpec, FlagSpecs, ParsedArgs } from './command.ts';

/** A usage error: the message says what was wrong and points at `--help`. */
export function usageError(command: string, message: string): AnycastLabError {
  return new AnycastLabError('USAGE', `${message}\n(anycast-lab ${command} --help lists what it takes)`);
}

function unknownFlag(spec: CommandSpec, error: Error): AnycastLabError {
  const match = /Unknown option '(-{1,2})([^']+)'/.exec(error.message);
  if (!match) return usageError(spec.name, error.message.replace(/\. To specify a positional argument.*$/s, ''));
  const flag = match[2]!;
  const hint = didYouMean(flag, Object.keys(spec.flags));
  return usageError(spec.name, `unknown flag ${match[1]}${flag}${hint.replace(/"(\S+)"/, '"--$1"')}`);
}

/** The command line of one command, parsed against its flag table; errors name the flag. */
export function parseCommandArgs<F extends FlagSpecs>(spec: CommandSpec<F>, argv: readonly string[]): ParsedArgs<F> {
  const options = Object.fromEntries(
    Object.entries(spec.flags).map(([name, flag]) => [name, { type: flag.type, ...(flag.multiple ? { multiple: true } : {}) }]),
  );
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw unknownFlag(spec as unknown as CommandSpec, error as Error);
  }
  if (typeof parsed.values.lab === 'string') checkLabName(parsed.values.lab);
  return { values: parsed.values as ParsedArgs<F>['values'], positionals: parsed.positionals };
}

/** `--flag DURATION`, from 1ms to `maxMs`; `fallbackMs` when not given. */
export function durationFlag(command: string, flag: string, value: string | undefined, fallbackMs: number, maxMs = 3_600_000): number {
  if (value === undefined) return fallbackMs;
  return flagValue(flag, value, { type: 'duration', minMs: 1, maxMs, doc: '' }, (message) => usageError(command, message));
}
