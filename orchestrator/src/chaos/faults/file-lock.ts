import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { AnycastLabError } from '../../errors.ts';

/**
 * A lock across processes: the file `lock`, holding its owner's pid and the time it was taken,
 * appears atomically (written aside, then hard-linked into place: link fails when the name
 * exists, as O_EXCL does, and the lock is never seen half written). A lock whose owner is gone, or
 * older than STALE_MS (no holder keeps it that long: it covers one read-modify-write), is taken
 * over; otherwise `withFileLock` waits up to WAIT_MS.
 */

const STALE_MS = 10_000;
const WAIT_MS = 15_000;
const RETRY_MS = 10;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const unique = (lock: string, what: string): string => `${lock}.${what}.${process.pid}.${Math.random().toString(36).slice(2)}`;

async function tryTake(lock: string): Promise<boolean> {
  const mine = unique(lock, 'new');
  await writeFile(mine, `${process.pid}\n${Date.now()}\n`);
  try {
    await link(mine, lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(mine, { force: true });
  }
}

/** Moves a stale lock out of the way; a fresh one moved by mistake (another process won the race) goes back. */
async function takeOver(lock: string, staleText: string): Promise<void> {
  const aside = unique(lock, 'stale');
  try {
    await rename(lock, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((await readFile(aside, 'utf8')) !== staleText) await link(aside, lock).catch(() => undefined);
  await rm(aside, { force: true });
}

/** The pid holding the lock, or undefined when there is none (any more). */
async function holder(lock: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(lock, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const [pid, since] = text.split('\n').map(Number);
  if (Number.isInteger(pid) && Number.isFinite(since) && Date.now() - since! <= STALE_MS && isAlive(pid!)) return pid;
  await takeOver(lock, text);
  return undefined;
}

/** Runs `body` holding the lock `lock`. */
export async function withFileLock<T>(lock: string, body: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await tryTake(lock))) {
    const owner = await holder(lock);
    if (owner === undefined) continue;
    if (Date.now() > deadline) {
      throw new AnycastLabError('FAULT_FAILED', `${lock} is held by process ${owner} for more than ${WAIT_MS / 1000} s; if no anycast-lab command runs, delete the file`);
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS + Math.random() * RETRY_MS));
  }
  try {
    return await body();
  } finally {
    await rm(lock, { force: true });
  }
}
