import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { LABEL } from '../../../contracts/labels.ts';
import { BASE_IMAGES, ensureImages, imageContextFiles, imageContextHash } from '../../../orchestrator/src/host/setup.ts';
import { silentProgress } from '../../../orchestrator/src/progress.ts';
import { ROOT } from '../../helpers/topologies.ts';
import { FakeEngine } from '../lab/fake-engine.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

test('the image context hash changes with what the Dockerfile sees and ignores sources and docs', (t) => {
  const dir = tempDir(t, 'ctx');
  cpSync(`${ROOT}images/Dockerfile`, join(dir, 'Dockerfile'));
  const before = imageContextHash(dir);
  writeFileSync(join(dir, 'NOTES.md'), 'docs do not count');
  t.is(imageContextHash(dir), before);
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
  t.not(imageContextHash(dir), before);
});

test('the Dockerfile starts from the base images setup makes, Node 24 among them', (t) => {
  const dockerfile = readFileSync(`${ROOT}images/Dockerfile`, 'utf8');
  t.regex(dockerfile, new RegExp(`^ARG NODE_IMAGE=${BASE_IMAGES.node}$`, 'm'));
  t.regex(dockerfile, new RegExp(`^ARG DEBIAN_IMAGE=${BASE_IMAGES.debian}$`, 'm'));
  t.is(BASE_IMAGES.node, 'node:24-bookworm-slim');
  t.regex(readFileSync(`${ROOT}images/setup/make-base-images.sh`, 'utf8'), new RegExp(`NODE_TAG=\\$\\{NODE_TAG:-${BASE_IMAGES.node}\\}`));
});

test('the build context is what images/.dockerignore leaves: no setup/, no sources, no .md', (t) => {
  const files = imageContextFiles(`${ROOT}images`);
  t.true(files.includes('Dockerfile') && files.includes('dist/edge.mjs') && files.includes('common/lab-init'));
  t.deepEqual(files.filter((f) => f.startsWith('setup/') || f.includes('/src/') || f.endsWith('.md')), []);
});

test('ensureImages builds through the runtime only the images whose context hash is not current', async (t) => {
  const engine = new FakeEngine();
  engine.images.add(BASE_IMAGES.debian).add(BASE_IMAGES.node);
  engine.imageLabelsByRef.set('anycast-lab/router:0.1', { [LABEL.contextHash]: imageContextHash() });
  await ensureImages(engine, silentProgress);
  t.deepEqual(engine.calls, ['edge', 'client', 'origin', 'monitoring'].map((name) => `build image anycast-lab/${name}:0.1 --target ${name}`));
  t.deepEqual(engine.imageLabelsByRef.get('anycast-lab/edge:0.1'), { [LABEL.contextHash]: imageContextHash() });
  engine.calls.length = 0;
  await ensureImages(engine, silentProgress);
  t.deepEqual(engine.calls, [], 'a second run builds nothing');
});

test('ensureImages for a lab builds only the images it names (up without --monitoring builds no Prometheus image)', async (t) => {
  const engine = new FakeEngine();
  engine.images.add(BASE_IMAGES.debian).add(BASE_IMAGES.node);
  await ensureImages(engine, silentProgress, ['router', 'edge', 'client', 'origin']);
  t.deepEqual(engine.calls, ['router', 'edge', 'client', 'origin'].map((name) => `build image anycast-lab/${name}:0.1 --target ${name}`));
});
