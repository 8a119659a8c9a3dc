import test from 'ava';
import { parseCommandArgs } from '../../../orchestrator/src/cli/args.ts';
import { COMMANDS } from '../../../orchestrator/src/cli/commands/index.ts';
import { loadLessons } from '../../../orchestrator/src/lesson/load-lessons.ts';
import { lessonCommands } from '../../../orchestrator/src/lesson/read-lesson.ts';
import { loadTopology } from '../../../orchestrator/src/model/topology.ts';
import { ROOT } from '../../helpers/topologies.ts';
import { existsSync } from 'node:fs';

const lessons = await loadLessons();

test('at least 8 lessons, numbered 1..N, each with checks, a problem, tasks, what to see and a reference', (t) => {
  t.true(lessons.length >= 8);
  t.deepEqual(lessons.map((l) => l.number), lessons.map((_, i) => i + 1));
  for (const l of lessons) {
    t.true(l.checks.length > 0, `${l.file} has checks`);
    for (const part of ['**The problem.**', '**Tasks.**', '**What you should see.**', '**Reference.**']) t.true(l.body.includes(part), `${l.file}: ${part}`);
  }
});

test('every `anycast-lab ...` line of every lesson is a real command with real flags, and files it names exist', (t) => {
  let lines = 0;
  for (const lesson of lessons) {
    const commands = lessonCommands(lesson.body);
    t.true(commands.length >= 3, `${lesson.file} has tasks to run`);
    t.true(commands.some((argv) => argv[0] === 'lesson' && argv[1] === 'check' && argv[2] === String(lesson.number)), `${lesson.file} runs its own check`);
    for (const argv of commands) {
      lines += 1;
      const command = COMMANDS.find((c) => c.name === argv[0]);
      if (!command) {
        t.fail(`${lesson.file}: anycast-lab ${argv.join(' ')}: no command "${argv[0]}"`);
        continue;
      }
      t.notThrows(() => parseCommandArgs(command, argv.slice(1)), `${lesson.file}: anycast-lab ${argv.join(' ')}`);
      for (const word of argv.filter((w) => /^(topology|docs)\/.+\.(yaml|md)$/.test(w))) t.true(existsSync(`${ROOT}${word}`), `${lesson.file} names ${word}`);
    }
  }
  t.true(lines > 30);
});

test('every name a lesson checks is a node of its topology', async (t) => {
  for (const lesson of lessons) {
    const topology = await loadTopology(`${ROOT}${lesson.topology}`);
    const names = new Set([
      ...topology.transits.map((x) => x.name),
      ...topology.pops.flatMap((p) => [p.name, ...Array.from({ length: p.servers }, (_, i) => `${p.name}-edge-${i + 1}`)]),
      ...topology.clients.map((c) => c.name),
      topology.origin.name,
    ]);
    const pops = new Set([...topology.pops.map((p) => p.name), 'any']);
    for (const { check, name } of lesson.checks) {
      const where = `${lesson.file}: ${name}`;
      if (check.kind === 'catchment' || check.kind === 'explain') {
        t.true(names.has(check.client), where);
        t.true(pops.has(check.pop.replace(/^not /, '')), where);
      } else if (check.kind === 'node') t.true(names.has(check.node), where);
      else if (check.kind === 'report') {
        // The report a check reads is one the lesson's own tasks write.
        const written = lessonCommands(lesson.body).flatMap((argv) => (argv[0] === 'chaos' && argv.includes('--json') ? [argv[argv.indexOf('--json') + 1]] : []));
        t.true(written.includes(check.file), `${where}: ${check.file} is written by a \`chaos run ... --json ${check.file}\` task (written: ${written.join(', ') || 'none'})`);
      } else {
        t.true(names.has(check.router), where);
        t.true(names.has(check.peer), where);
      }
    }
  }
});
