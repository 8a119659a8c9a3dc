import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The programs that run inside lab containers, each bundled by esbuild into one ESM file under
 * images/dist/ (checked in, so `docker compose build` works from a fresh clone with no npm step).
 */

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const PROGRAMS = {
  edge: 'edge-node/src/main.ts',
  client: 'images/client/src/main.ts',
  origin: 'images/origin/src/main.ts',
  wire: 'images/wire/src/main.ts',
  'frr-exporter': 'images/frr-exporter/src/main.ts',
} as const;

export type ProgramName = keyof typeof PROGRAMS;

export function bundlePath(name: ProgramName): string {
  return `${PROJECT_ROOT}images/dist/${name}.mjs`;
}

/** Bundles one program; returns the file's text, and writes it unless `write` is false. */
export async function bundleProgram(name: ProgramName, write = true): Promise<string> {
  const result = await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [PROGRAMS[name]],
    outfile: bundlePath(name),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    // CommonJS dependencies (fastify, prom-client) call require(); give the ESM bundle one.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    write,
    logLevel: 'error',
  });
  return write ? '' : result.outputFiles![0]!.text;
}
