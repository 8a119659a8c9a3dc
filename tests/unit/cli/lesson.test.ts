import test from 'ava';
import { EXIT } from '../../../orchestrator/src/cli/exit-codes.ts';
import { runCli } from './capture.ts';

test.serial('lesson list --json lists every lesson with its checks', async (t) => {
  const result = await runCli(['lesson', 'list', '--json']);
  t.is(result.code, EXIT.ok, result.stderr);
  const lessons = JSON.parse(result.stdout) as { number: number; checks: { check: string }[] }[];
  t.true(lessons.length >= 8);
  t.regex(lessons[0]!.checks[0]!.check, /^catchment of users-west is west$/);
});

test.serial('lesson: an unknown lesson or sub-command is a usage error', async (t) => {
  const missing = await runCli(['lesson', 'check', '99']);
  t.is(missing.code, EXIT.usage);
  t.regex(missing.stderr, /no lesson 99 \(lessons: 1, 2, 3/);
  const wrong = await runCli(['lesson', 'run', '1']);
  t.is(wrong.code, EXIT.usage);
  t.regex(wrong.stderr, /expected `lesson list` or `lesson check N`/);
});
