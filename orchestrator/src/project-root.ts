import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (the one with its package.json), found from wherever this code runs: the
 * TypeScript sources (orchestrator/src/...) or the CLI's bundle (orchestrator/dist/cli.mjs).
 * Files the CLI reads (images/, docs/lessons/, the dashboard's page) and the labs' records
 * (.anycast-lab/) are found from here.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'anycast-lab') return `${dir}/`;
    if (dirname(dir) === dir) throw new Error(`no anycast-lab package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

export const PROJECT_VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
