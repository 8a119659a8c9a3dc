import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnycastLabError } from '../errors.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { parseLesson, type Lesson } from './read-lesson.ts';

/** Where the lessons ship: docs/lessons/NN-name.md in the package. */
export const LESSONS_DIR = join(PROJECT_ROOT, 'docs', 'lessons');

export async function loadLessons(dir: string = LESSONS_DIR): Promise<Lesson[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+-.+\.md$/.test(f)).sort();
  const lessons = await Promise.all(files.map(async (f) => parseLesson(await readFile(join(dir, f), 'utf8'), `docs/lessons/${f}`)));
  return lessons.sort((a, b) => a.number - b.number);
}

export async function findLesson(number: number, dir: string = LESSONS_DIR): Promise<Lesson> {
  const lessons = await loadLessons(dir);
  const lesson = lessons.find((l) => l.number === number);
  if (!lesson) throw new AnycastLabError('USAGE', `no lesson ${number} (lessons: ${lessons.map((l) => l.number).join(', ')}; \`anycast-lab lesson list\`)`);
  return lesson;
}
