import { AnycastLabError } from '../errors.ts';
import { chaosCommand, faultCommand } from './commands/chaos.ts';
import { explainCommand } from './commands/explain.ts';
import { bundleCommand, composeCommand, downCommand, setupCommand, statusCommand, upCommand, validateCommand } from './commands/lab.ts';

const COMMANDS: Record<string, { run: (argv: readonly string[]) => Promise<number>; summary: string }> = {
  up: { run: upCommand, summary: 'up [TOPOLOGY]          bring a lab up (default topology/world.yaml), wait until ready, show who serves whom' },
  status: { run: statusCommand, summary: 'status [LAB] [--json]  nodes, BGP sessions, catchment' },
  down: { run: downCommand, summary: 'down [LAB] [--all]     remove a lab (or every lab) by label' },
  explain: { run: explainCommand, summary: 'explain CLIENT         why a client lands on its PoP: the best path, router by router' },
  validate: { run: validateCommand, summary: 'validate TOPOLOGY      check a topology file, report every problem' },
  compose: { run: composeCommand, summary: 'compose [TOPOLOGY]     write docker-compose.yml (and .env) for a topology' },
  setup: { run: setupCommand, summary: 'setup                  Docker engine, base images and lab images' },
  chaos: { run: chaosCommand, summary: 'chaos run SCENARIO     run a chaos scenario: faults, probes, measured convergence and loss, expectations' },
  fault: { run: faultCommand, summary: 'fault KIND TARGET...   inject a fault (`fault revert --all` takes every one back; `fault list`)' },
  bundle: { run: bundleCommand, summary: 'bundle                 rebuild images/dist/*.mjs from the TypeScript sources' },
};

function help(): string {
  return `anycast-lab: an anycast edge network on one machine\n\nusage: anycast-lab COMMAND ...\n\n${Object.values(COMMANDS)
    .map((c) => `  ${c.summary}`)
    .join('\n')}\n`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`anycast-lab: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof AnycastLabError) {
      process.stderr.write(`anycast-lab ${name}: ${error.message}\n`);
      return { USAGE: 2, INTERRUPTED: 130 }[error.code as string] ?? 1;
    }
    throw error;
  }
}
