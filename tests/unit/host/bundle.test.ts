import { readFileSync } from 'node:fs';
import test from 'ava';
import { bundleHostProgram, bundlePath, bundleProgram, HOST_BUNDLES, hostBundlePath, PROGRAMS, type HostBundleName, type ProgramName } from '../../../orchestrator/src/host/bundle.ts';
import { PROJECT_ROOT } from '../../../orchestrator/src/project-root.ts';

for (const name of Object.keys(PROGRAMS) as ProgramName[]) {
  test(`images/dist/${name}.mjs is the bundle of ${PROGRAMS[name]} (run \`npx anycast-lab bundle\` after changing it)`, async (t) => {
    t.is(readFileSync(bundlePath(name), 'utf8'), await bundleProgram(name, false));
  });
}

for (const name of Object.keys(HOST_BUNDLES) as HostBundleName[]) {
  test(`${HOST_BUNDLES[name].out} is the bundle of ${HOST_BUNDLES[name].entry} (run \`npx anycast-lab bundle\` after changing it)`, async (t) => {
    t.is(readFileSync(hostBundlePath(name), 'utf8'), await bundleHostProgram(name, false));
  });
}

test('the command line imports only Node built-ins and production dependencies (esbuild only when asked to bundle)', (t) => {
  const text = readFileSync(hostBundlePath('cli'), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|[;\s])(?:import|export)\s[^'"`;]*?from\s*"([^"$]+)"|import\("([^"$]+)"\)/gm)].map((m) => m[1] ?? m[2]!);
  const packages = [...new Set(specifiers.filter((s) => !s.startsWith('node:') && !s.startsWith('.')))].sort();
  const manifest = JSON.parse(readFileSync(`${PROJECT_ROOT}package.json`, 'utf8')) as { dependencies: Record<string, string> };
  const notProduction = packages.filter((p) => !(p.split('/')[0]! in manifest.dependencies) && p !== 'esbuild');
  t.deepEqual(notProduction, []);
  t.true(packages.includes('dockerode') && packages.includes('fastify'), `found ${packages.join(', ')}`);
  t.false(/from\s*"tsx/.test(text), 'no tsx at run time');
});
