import { readFileSync } from 'node:fs';
import test from 'ava';
import { bundlePath, bundleProgram, PROGRAMS, type ProgramName } from '../../../orchestrator/src/host/bundle.ts';

for (const name of Object.keys(PROGRAMS) as ProgramName[]) {
  test(`images/dist/${name}.mjs is the bundle of ${PROGRAMS[name]} (run \`npx anycast-lab bundle\` after changing it)`, async (t) => {
    t.is(readFileSync(bundlePath(name), 'utf8'), await bundleProgram(name, false));
  });
}
