import { bundleHostProgram, bundleProgram, HOST_BUNDLES, PROGRAMS, type HostBundleName, type ProgramName } from '../../host/bundle.ts';
import { ensureEngine, ensureHostPackages, ensureImages } from '../../host/setup.ts';
import { streamProgress } from '../../progress.ts';
import { defineCommand } from '../command.ts';
import { connectRuntime } from '../context.ts';

export const setupCommand = defineCommand({
  name: 'setup',
  summary: 'install what the lab needs on this host: Docker engine, base images, lab images',
  usage: '',
  flags: {},
  details: 'Run as root on Debian. Starts dockerd if none runs; makes base images with debootstrap when no registry answers.',
  async run() {
    const progress = streamProgress();
    progress.step('host packages and Docker engine');
    await ensureHostPackages();
    await ensureEngine();
    progress.step('images');
    await ensureImages(await connectRuntime(), progress);
    progress.step('ready: base images and lab images are built');
    return 0;
  },
});

export const bundleCommand = defineCommand({
  name: 'bundle',
  summary: 'rebuild images/dist/*.mjs (edge service, client agent, origin, wire, FRR exporter) and orchestrator/dist/ (the command line, the dashboard page) from the TypeScript sources',
  usage: '',
  flags: {},
  async run() {
    for (const name of Object.keys(PROGRAMS) as ProgramName[]) {
      await bundleProgram(name);
      process.stdout.write(`bundled ${PROGRAMS[name]} -> images/dist/${name}.mjs\n`);
    }
    for (const name of Object.keys(HOST_BUNDLES) as HostBundleName[]) {
      await bundleHostProgram(name);
      process.stdout.write(`bundled ${HOST_BUNDLES[name].entry} -> ${HOST_BUNDLES[name].out}\n`);
    }
    return 0;
  },
});
