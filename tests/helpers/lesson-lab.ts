import { COMMANDS } from '../../orchestrator/src/cli/commands/index.ts';

/**
 * A lesson's command lines, made to act on a test lab of its own (name and pool) instead of the
 * lab a student would bring up, so that running the lessons never touches a lab a person has up.
 */

export interface TestLab {
  readonly lab: string;
  readonly pool: string;
}

/** The lesson's lines up to the first `down` (what follows needs another lab), each aimed at the test lab. */
export function commandsOnTestLab(lines: readonly (readonly string[])[], target: TestLab): { run: string[][]; skipped: string[][] } {
  const down = lines.findIndex((argv) => argv[0] === 'down');
  const kept = down === -1 ? lines : lines.slice(0, down);
  return { run: kept.map((argv) => onTestLab(argv, target)), skipped: down === -1 ? [] : lines.slice(down).map((argv) => [...argv]) };
}

/** One command line aimed at the test lab: `up` names it and its pool; commands that act on a lab get `--lab`. */
export function onTestLab(argv: readonly string[], { lab, pool }: TestLab): string[] {
  const [command, ...rest] = argv;
  const spec = COMMANDS.find((c) => c.name === command);
  if (command === 'up') return ['up', ...rest, '--name', lab, '--pool', pool, '--no-build'];
  if (command === 'status' && rest.every((word) => word.startsWith('--'))) return ['status', lab, ...rest];
  const at = rest.indexOf('--lab');
  if (at !== -1) return [command!, ...rest.slice(0, at + 1), lab, ...rest.slice(at + 2)];
  // graph draws offline unless asked for a lab; every other command with --lab acts on one.
  if (command !== 'graph' && spec?.flags['lab'] !== undefined) return [command!, ...rest, '--lab', lab];
  return [...argv];
}
