import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { loadLessons } from '../../orchestrator/src/lesson/load-lessons.ts';
import { lessonCommands } from '../../orchestrator/src/lesson/read-lesson.ts';
import { E2E_POOLS, removeE2eLab } from '../helpers/e2e.ts';
import { commandsOnTestLab, type TestLab } from '../helpers/lesson-lab.ts';
import { ROOT } from '../helpers/topologies.ts';

/**
 * Every lesson's commands, as a student types them, then its checks (`lesson check N`), on a lab
 * of the test's own: lessons cannot rot. Lessons on world run when LESSONS_WORLD=1 (they need the
 * big lab and minutes each; CI runs the mini ones).
 */

const CLI = join(ROOT, 'orchestrator', 'bin', 'anycast-lab.mjs');
const LABS: Readonly<Record<string, TestLab>> = {
  'topology/mini.yaml': { lab: 'e2e-lessons', pool: E2E_POOLS.lessons },
  'topology/world.yaml': { lab: 'e2e-lessons-world', pool: E2E_POOLS.lessonsWorld },
};
const WORLD = process.env['LESSONS_WORLD'] === '1';
const lessons = await loadLessons();
// A student's working directory: the files the lessons write (run.json, bfd.html) land here.
const cwd = mkdtempSync(join(tmpdir(), 'anycast-lab-lessons-'));
symlinkSync(join(ROOT, 'topology'), join(cwd, 'topology'));
const used = new Set<string>();

async function cli(argv: readonly string[]): Promise<{ exitCode: number; output: string }> {
  const result = await execa('node', [CLI, ...argv], { cwd, reject: false, all: true, timeout: 600_000 });
  return { exitCode: result.exitCode ?? 1, output: result.all ?? '' };
}

test.after.always(async () => {
  for (const lab of used) {
    await cli(['attack', 'stop', '--all', '--lab', lab]);
    await cli(['fault', 'revert', '--all', '--force', '--lab', lab]);
    await removeE2eLab(lab);
  }
  rmSync(cwd, { recursive: true, force: true });
});

for (const lesson of lessons) {
  const target = LABS[lesson.topology];
  const onWorld = lesson.topology === 'topology/world.yaml';
  const run = onWorld && !WORLD ? test.serial.skip : test.serial;
  run(`lesson ${lesson.number}: ${lesson.title}`, async (t) => {
    if (!target) return t.fail(`lesson ${lesson.number} is on ${lesson.topology}: no test lab for it`);
    used.add(target.lab);
    const { run: commands, skipped } = commandsOnTestLab(lessonCommands(lesson.body), target);
    t.true(commands.some((argv) => argv[0] === 'lesson' && argv[1] === 'check' && argv[2] === String(lesson.number)), 'the lesson runs its own checks');
    try {
      for (const argv of commands) {
        const { exitCode, output } = await cli(argv);
        t.is(exitCode, 0, `anycast-lab ${argv.join(' ')} exited ${exitCode}:\n${output.slice(-3000)}`);
        if (exitCode !== 0) return;
        if (argv[0] === 'lesson') t.log(output.trim());
      }
      if (skipped.length > 0) t.log(`not run (another lab): ${skipped.map((argv) => `anycast-lab ${argv.join(' ')}`).join('; ')}`);
    } finally {
      // The next lesson starts from a lab with nothing in force.
      await cli(['attack', 'stop', '--all', '--lab', target.lab]);
      await cli(['fault', 'revert', '--all', '--force', '--lab', target.lab]);
    }
  });
}
