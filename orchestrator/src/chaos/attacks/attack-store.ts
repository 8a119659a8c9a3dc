import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AttackKind } from '../../../../contracts/attack-kinds.ts';
import { PROJECT_ROOT } from '../../project-root.ts';
import { labStateDir } from '../lab-state.ts';
import { withFileLock } from '../faults/file-lock.ts';

/** One attack as started: which job on which bot agent carries each share. */
export interface AttackRecord {
  readonly id: string;
  readonly kind: AttackKind;
  readonly from: readonly string[];
  readonly rate: number;
  readonly startedAtMs: number;
  readonly durationMs: number;
  readonly jobs: readonly { readonly node: string; readonly mgmtAddress: string; readonly botnet: string; readonly job: string }[];
}

/** At most this many attacks are remembered; the oldest are forgotten first. */
const MAX_KEPT = 50;

export function attackStateFile(lab: string, root: string = PROJECT_ROOT): string {
  return join(labStateDir(lab, root), 'attacks.json');
}

/**
 * The attacks started in a lab, in `.anycast-lab/<lab>/attacks.json` (gitignored), so that
 * `attack list` and `attack stop` work from another process than the one that started them.
 * Changes are read-modify-write under a lock file.
 */
export class AttackStore {
  readonly lab: string;
  readonly #file: string;

  constructor(lab: string, root: string = PROJECT_ROOT) {
    this.lab = lab;
    this.#file = attackStateFile(lab, root);
  }

  async list(): Promise<AttackRecord[]> {
    try {
      return (JSON.parse(await readFile(this.#file, 'utf8')) as { attacks: AttackRecord[] }).attacks;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Records an attack under a new id `attack-N` (or the id given, if free); returns it as recorded. */
  async add(record: Omit<AttackRecord, 'id'>, id?: string): Promise<AttackRecord> {
    await mkdir(dirname(this.#file), { recursive: true });
    return withFileLock(`${this.#file}.lock`, async () => {
      const attacks = await this.list();
      const taken = new Set(attacks.map((a) => a.id));
      let chosen = id;
      for (let n = attacks.length + 1; chosen === undefined || taken.has(chosen); n++) chosen = `attack-${n}`;
      const added: AttackRecord = { ...record, id: chosen };
      const next = [...attacks, added].slice(-MAX_KEPT);
      const temp = `${this.#file}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify({ lab: this.lab, attacks: next }, null, 2)}\n`);
      await rename(temp, this.#file);
      return added;
    });
  }
}
