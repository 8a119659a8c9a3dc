import test from 'ava';
import { readFileSync } from 'node:fs';
import { COMMANDS } from '../../../orchestrator/src/cli/commands/index.ts';
import { EXIT } from '../../../orchestrator/src/cli/exit-codes.ts';
import { renderCommandHelp, renderOverview } from '../../../orchestrator/src/cli/help.ts';
import { runCli } from './capture.ts';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

test('every command has --help that explains every one of its flags', (t) => {
  t.true(COMMANDS.length >= 10);
  for (const command of COMMANDS) {
    const help = renderCommandHelp(command);
    t.regex(help, new RegExp(`^usage: anycast-lab ${command.name}`, 'm'), command.name);
    for (const [name, flag] of Object.entries(command.flags)) {
      t.true(flag.help.length > 10, `${command.name} --${name} has a real explanation`);
      t.regex(help, new RegExp(`--${name}\\b.*${flag.help.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), `${command.name} --${name}`);
    }
    t.regex(help, /--help\s+show this help/);
  }
});

test.serial('`CMD --help` prints the help of that command and exits 0, whatever else is on the line', async (t) => {
  for (const command of COMMANDS) {
    const result = await runCli([command.name, 'whatever', '--help']);
    t.is(result.code, EXIT.ok, command.name);
    t.is(result.stdout, renderCommandHelp(command));
  }
});

test('the overview lists every command and documents the exit codes', (t) => {
  const overview = renderOverview(COMMANDS);
  for (const command of COMMANDS) t.regex(overview, new RegExp(`^  ${command.name}\\s+\\S`, 'm'));
  for (const code of Object.values(EXIT)) t.regex(overview, new RegExp(`^  ${code}\\s+\\S`, 'm'));
});

test.serial('--version prints the package version', async (t) => {
  const result = await runCli(['--version']);
  t.is(result.code, 0);
  t.true(result.stdout.startsWith(`anycast-lab ${pkg.version} `));
});

test.serial('a mistyped command or flag is a usage error with a suggestion', async (t) => {
  const command = await runCli(['stauts']);
  t.is(command.code, EXIT.usage);
  t.regex(command.stderr, /unknown command "stauts" \(did you mean "status"\?\)/);
  const flag = await runCli(['up', '--nmae', 'x']);
  t.is(flag.code, EXIT.usage);
  t.regex(flag.stderr, /^anycast-lab up: unknown flag --nmae \(did you mean "--name"\?\)/);
  const none = await runCli([]);
  t.is(none.code, EXIT.usage);
  t.regex(none.stderr, /commands:/);
});

test.serial('an error names the command once', async (t) => {
  const result = await runCli(['chaos', 'walk']);
  t.is(result.code, EXIT.usage);
  t.regex(result.stderr, /^anycast-lab chaos: expected `chaos run SCENARIO\|DIR\.\.\.`/);
  t.is(result.stderr.match(/anycast-lab chaos:/g)?.length, 1);
});

test.serial('--lab takes a lab name, not a path', async (t) => {
  const result = await runCli(['fault', 'list', '--lab', '../../etc']);
  t.is(result.code, EXIT.usage);
  t.regex(result.stderr, /--lab "\.\.\/\.\.\/etc": a lab name is/);
});
