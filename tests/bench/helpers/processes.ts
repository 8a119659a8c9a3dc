import { execa, type ResultPromise } from 'execa';
import { readFile, readdir } from 'node:fs/promises';
import { PROJECT_ROOT } from '../../../orchestrator/src/project-root.ts';

/** The processes a benchmark starts, all stopped by `stopAll` (call it in `finally`). */
export class BenchProcesses {
  readonly #children: ResultPromise[] = [];
  /** Commands run as `prefix... command args` (e.g. `ip netns exec NS`). */
  readonly #prefix: readonly string[];

  constructor(prefix: readonly string[] = []) {
    this.#prefix = prefix;
  }

  spawn(command: string, args: readonly string[], env: Record<string, string>): ResultPromise {
    const [file, ...rest] = [...this.#prefix, command, ...args];
    const child = execa(file!, rest, { cwd: PROJECT_ROOT, env, reject: false, stdout: 'ignore', stderr: 'inherit' });
    this.#children.push(child);
    return child;
  }

  async stopAll(): Promise<void> {
    for (const child of this.#children) child.kill('SIGTERM');
    await Promise.allSettled(this.#children);
  }
}

/**
 * The pid of the program a child runs: the child itself, or (behind `ip netns exec`, which execs
 * its command) the same pid; checked once it is there.
 */
export function pidOf(child: ResultPromise): number {
  if (child.pid === undefined) throw new Error('a benchmark process did not start');
  return child.pid;
}

/** A process and its children (nginx's workers). */
export async function processTree(root: number): Promise<number[]> {
  const pids = [root];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === root) pids.push(Number(entry));
  }
  return pids;
}

const CLOCK_TICKS = Number((await execa('getconf', ['CLK_TCK'])).stdout) || 100;

/** User plus system CPU seconds each process has used so far (from /proc, in clock ticks). */
export async function cpuSeconds(pids: readonly number[]): Promise<Map<number, number>> {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    // A process that is gone (nginx's cache loader exits a minute after start) is left out.
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (stat === '') continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
  }
  return seconds;
}

export function cpuUsed(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let used = 0;
  for (const [pid, end] of after) used += end - (before.get(pid) ?? end);
  return used;
}

export async function commandExists(command: string): Promise<boolean> {
  return (await execa('sh', ['-c', `command -v ${command}`], { reject: false })).exitCode === 0;
}

/** Debian packages a benchmark compares against, installed with apt-get when missing and root; says what is missing otherwise. */
export async function ensurePackages(wanted: readonly { readonly command: string; readonly pkg: string }[]): Promise<void> {
  const missing: string[] = [];
  for (const { command, pkg } of wanted) if (!(await commandExists(command))) missing.push(pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.log(`missing ${missing.join(', ')} and not root: install them with apt-get for the full comparison`);
    return;
  }
  await execa('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdout: 'ignore', reject: false, env: { DEBIAN_FRONTEND: 'noninteractive' } });
}
