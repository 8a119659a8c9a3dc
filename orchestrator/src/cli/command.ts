/**
 * One command of the command line as data: what it takes and what each flag means, so that
 * parsing, `--help` and "did you mean" all read the same table.
 */

export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  /** Placeholder shown in help for a string flag, e.g. `FILE`, `90s`. */
  readonly value?: string;
  readonly help: string;
  readonly multiple?: boolean;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

type FlagValue<F extends FlagSpec> = F['type'] extends 'boolean'
  ? F['multiple'] extends true ? boolean[] : boolean
  : F['multiple'] extends true ? string[] : string;

export type ParsedFlags<F extends FlagSpecs> = { -readonly [K in keyof F]?: FlagValue<F[K]> };

export interface ParsedArgs<F extends FlagSpecs> {
  readonly values: ParsedFlags<F>;
  readonly positionals: readonly string[];
}

export interface CommandSpec<F extends FlagSpecs = FlagSpecs> {
  readonly name: string;
  /** One line for the overview. */
  readonly summary: string;
  /** What follows the command name, e.g. `[TOPOLOGY]` or `run SCENARIO|DIR...`; several lines allowed. */
  readonly usage: string;
  readonly flags: F;
  /** Paragraphs after the flag list: arguments, examples, what the output means. */
  readonly details?: string;
  /** Method syntax on purpose: a table of commands with different flags is one array. */
  run(args: ParsedArgs<F>): Promise<number>;
}

/** Keeps the flag table's literal types so `run` sees typed values. */
export function defineCommand<const F extends FlagSpecs>(spec: CommandSpec<F>): CommandSpec<F> {
  return spec;
}

/** `--json` is spelt the same on every read command. */
export const JSON_FLAG = { json: { type: 'boolean', help: 'print JSON instead of tables (for scripts)' } } as const satisfies FlagSpecs;
export const LAB_FLAG = { lab: { type: 'string', value: 'LAB', help: 'the lab to act on (default: the only lab that is up)' } } as const satisfies FlagSpecs;
