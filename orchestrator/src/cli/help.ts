import type { CommandSpec, FlagSpec } from './command.ts';
import { EXIT } from './exit-codes.ts';

const PROGRAM = 'anycast-lab';

function flagLabel(name: string, flag: FlagSpec): string {
  return flag.type === 'string' ? `--${name} ${flag.value ?? 'VALUE'}` : `--${name}`;
}

function columns(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

/** `anycast-lab CMD --help`: usage lines, every flag with what it does, then the details. */
export function renderCommandHelp(spec: CommandSpec): string {
  const usage = spec.usage
    .split('\n')
    .map((line, i) => `${i === 0 ? 'usage: ' : '       '}${PROGRAM} ${spec.name}${line ? ` ${line}` : ''}`)
    .join('\n');
  const flags = Object.entries(spec.flags).map(([name, flag]): [string, string] => [flagLabel(name, flag), flag.help + (flag.multiple ? ' (may be repeated)' : '')]);
  flags.push(['--help', 'show this help']);
  const details = spec.details ? `\n${spec.details.trimEnd()}\n` : '';
  return `${spec.summary}\n\n${usage}\n\nflags:\n${columns(flags)}\n${details}`;
}

/** `anycast-lab --help`: every command in one line, the global flags and the exit codes. */
export function renderOverview(commands: readonly CommandSpec[]): string {
  return (
    `${PROGRAM}: an anycast edge network on one machine, broken on purpose and measured\n\n` +
    `usage: ${PROGRAM} COMMAND [ARGS] [FLAGS]      (${PROGRAM} COMMAND --help for its flags)\n\n` +
    `commands:\n${columns(commands.map((c) => [c.name, c.summary]))}\n\n` +
    `global flags:\n${columns([['--help, -h', 'show help'], ['--version, -V', 'print the version']])}\n\n` +
    `exit codes:\n${columns([
      [String(EXIT.ok), 'success'],
      [String(EXIT.failed), 'an expectation failed or an input file is invalid'],
      [String(EXIT.usage), 'the command line is wrong (unknown command or flag, missing argument)'],
      [String(EXIT.broken), 'the run itself broke (engine unreachable, lab not found or not ready, fault could not be applied)'],
      [String(EXIT.interrupted), 'interrupted (Ctrl-C or SIGTERM); what the command made was taken back'],
    ])}\n`
  );
}
