import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.ts';

/**
 * What the commands record about a lab between processes (faults in force, attacks started), in
 * `.anycast-lab/<lab>/` (gitignored). It goes with the lab: `down` forgets it, so a lab brought
 * up again under the same name starts with no fault and no attack on record.
 */
export function labStateDir(lab: string, root: string = PROJECT_ROOT): string {
  return join(root, '.anycast-lab', lab);
}

export async function forgetLabState(lab: string, root: string = PROJECT_ROOT): Promise<void> {
  await rm(labStateDir(lab, root), { recursive: true, force: true });
}
