import { AnycastLabError } from '../errors.ts';
import { PROJECT_VERSION } from '../project-root.ts';
import { didYouMean } from '../input/suggest.ts';
import { parseCommandArgs } from './args.ts';
import type { CommandSpec } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import { renderCommandHelp, renderOverview } from './help.ts';

function version(): string {
  return `anycast-lab ${PROJECT_VERSION} (node ${process.version})\n`;
}

const wantsHelp = (argv: readonly string[]): boolean => argv.some((a) => a === '--help' || a === '-h');

/** The error as a user reads it: one `anycast-lab CMD:` prefix, then what to do. */
function describeError(command: string, error: unknown): string {
  if (error instanceof AnycastLabError) return `anycast-lab ${command}: ${error.message.replace(/^anycast-lab [a-z-]+: /, '')}\n`;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `anycast-lab ${command}: unexpected failure (a bug; please report it with this text):\n${detail}\n`;
}

/** Runs one command line; returns the exit code (see `anycast-lab --help`). */
export async function main(argv: readonly string[], commands: readonly CommandSpec[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(renderOverview(commands));
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = commands.find((c) => c.name === rest[0]);
    process.stdout.write(topic ? renderCommandHelp(topic) : renderOverview(commands));
    return EXIT.ok;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(version());
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const hint = didYouMean(name, commands.map((c) => c.name), '');
    process.stderr.write(`anycast-lab: unknown command "${name.slice(0, 40)}"${hint}\n(anycast-lab --help lists the commands)\n`);
    return EXIT.usage;
  }
  if (wantsHelp(rest)) {
    process.stdout.write(renderCommandHelp(command));
    return EXIT.ok;
  }
  try {
    return await command.run(parseCommandArgs(command, rest));
  } catch (error) {
    process.stderr.write(describeError(name, error));
    return exitCodeFor(error);
  }
}
