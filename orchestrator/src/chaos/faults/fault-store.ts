import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AnycastLabError } from '../../errors.ts';
import { PROJECT_ROOT } from '../../project-root.ts';
import { labStateDir } from '../lab-state.ts';
import type { FaultAction } from '../../scenario/types.ts';
import { withFileLock } from './file-lock.ts';
import type { FaultStage } from '../../faults/fault-plan.ts';

/**
 * The faults in force in a lab, kept in `.anycast-lab/<lab>/faults.json` at the project root
 * (gitignored). A fault is written down before it is applied and struck out once taken back, with
 * the stages that take it back, so that `anycast-lab fault revert --all` works from a new process
 * after the one that made it crashed. A fault whose revert failed stays, marked. Every change is a
 * read-modify-write under `faults.json.lock`, so processes (a `chaos run`, a `fault` by hand) never
 * lose each other's records.
 */

export interface FaultRecord {
  readonly id: string;
  /** A fault kind, or `bgp-overrides` for a scenario's BGP settings. */
  readonly kind: string;
  readonly target: string;
  /** The fault as asked for (absent for BGP overrides): repairs match on it. */
  readonly action?: FaultAction;
  readonly appliedAtMs: number;
  /** The process that applied it. */
  readonly pid: number;
  readonly revert: readonly FaultStage[];
  /** Set when taking it back failed: it stays in force (and recorded) until a revert succeeds or is forced. */
  readonly revertFailed?: { readonly atMs: number; readonly message: string };
}

interface StateFile {
  readonly lab: string;
  readonly faults: readonly FaultRecord[];
}

export function faultStateFile(lab: string, root: string = PROJECT_ROOT): string {
  return join(labStateDir(lab, root), 'faults.json');
}

/** Parses a state file's text; throws FAULT_FAILED naming the file when it is not one. */
export function parseFaultState(text: string, file: string): FaultRecord[] {
  let state: StateFile;
  try {
    state = JSON.parse(text) as StateFile;
  } catch (error) {
    throw new AnycastLabError('FAULT_FAILED', `${file}: not JSON (${(error as Error).message}); fix or delete it`);
  }
  const valid =
    Array.isArray(state?.faults) &&
    state.faults.every((f) => typeof f?.id === 'string' && typeof f.kind === 'string' && Array.isArray(f.revert) && f.revert.every(Array.isArray));
  if (!valid) throw new AnycastLabError('FAULT_FAILED', `${file}: not a fault state file (expected {lab, faults: [{id, kind, revert: [[...]]}]}); fix or delete it`);
  return [...state.faults];
}

/** One lab's state file. Changes from one process are made one at a time. */
export class FaultStore {
  readonly lab: string;
  readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(lab: string, file: string = faultStateFile(lab)) {
    this.lab = lab;
    this.file = file;
  }

  async list(): Promise<FaultRecord[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return parseFaultState(text, this.file);
  }

  add(record: FaultRecord): Promise<void> {
    return this.change((faults) => {
      if (faults.some((f) => f.id === record.id)) throw new AnycastLabError('USAGE', `lab ${this.lab} already has a fault ${record.id} in force`);
      return [...faults, record];
    });
  }

  remove(ids: readonly string[]): Promise<void> {
    return this.change((faults) => faults.filter((f) => !ids.includes(f.id)));
  }

  /** Keeps a fault whose revert failed, marked with why. */
  markRevertFailed(id: string, message: string): Promise<void> {
    return this.change((faults) => faults.map((f) => (f.id === id ? { ...f, revertFailed: { atMs: Date.now(), message } } : f)));
  }

  private change(edit: (faults: readonly FaultRecord[]) => FaultRecord[]): Promise<void> {
    const run = this.queue.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await withFileLock(`${this.file}.lock`, () => this.write(edit));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(edit: (faults: readonly FaultRecord[]) => FaultRecord[]): Promise<void> {
    const faults = edit(await this.list());
    if (faults.length === 0) {
      await rm(this.file, { force: true });
      return;
    }
    const state: StateFile = { lab: this.lab, faults };
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
    await rename(temporary, this.file);
  }
}
