import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AnycastLabError } from '../errors.ts';
import { parseLesson, type Lesson } from './read-lesson.ts';

/** Where the lessons ship: docs/lessons/NN-name.md in the package. */
export const LESSONS_DIR = fileURLToPath(new URL('../../../docs/lessons/', import.meta.url));

export async function loadLessons(dir: string = LESSONS_DIR): Promise<Lesson[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+-.+\.md$/.test(f)).sort();
  const lessons = await Promise.all(files.map(async (f) => parseLesson(await readFile(`${dir}${f}`, 'utf8'), `docs/lessons/${f}`)));
  return lessons.sort((a, b) => a.number - b.number);
}

export async function findLesson(number: number, dir: string = LESSONS_DIR): Promise<Lesson> {
  const lessons = await loadLessons(dir);
  const lesson = lessons.find((l) => l.number === number);
  if (!lesson) throw new AnycastLabError('USAGE', `no lesson ${number} (lessons: ${lessons.map((l) => l.number).join(', ')}; \`anycast-lab lesson list\`)`);
  return lesson;
}
