import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { LABEL } from '../../../contracts/labels.ts';
import { BASE_IMAGES } from '../../../contracts/images.ts';
import { ensureImages, imageContextFiles, imageContextHash, parseBaseImages } from '../../../orchestrator/src/host/setup.ts';
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

const officialBase = async () => ({ debian: BASE_IMAGES.debian, node: BASE_IMAGES.node });

test('the base images are the ones the script names; made-here ones carry the project\'s own tags', (t) => {
  t.deepEqual(parseBaseImages('DEBIAN_IMAGE=anycast-lab/base-debian:bookworm\nNODE_IMAGE=anycast-lab/base-node:24\n'), { debian: 'anycast-lab/base-debian:bookworm', node: 'anycast-lab/base-node:24' });
  t.throws(() => parseBaseImages('oops'), { message: /did not say which base images to use \(got: oops\)/ });
  const script = readFileSync(`${ROOT}images/setup/make-base-images.sh`, 'utf8');
  t.regex(script, /^LOCAL_DEBIAN=anycast-lab\/base-debian:bookworm$/m);
  t.regex(script, /^LOCAL_NODE=anycast-lab\/base-node:\$NODE_MAJOR$/m);
  t.notRegex(script, /docker import[^\n]*"\$DEBIAN_TAG"/, 'nothing is imported under the official name');
  t.notRegex(script, /docker build -q -t "\$NODE_TAG"/, 'nothing is built under the official name');
});

test('ensureImages builds through the runtime only the images whose context hash is not current', async (t) => {
  const engine = new FakeEngine();
  engine.imageLabelsByRef.set('anycast-lab/router:0.1', { [LABEL.contextHash]: imageContextHash() });
  await ensureImages(engine, silentProgress, undefined, officialBase);
  t.deepEqual(engine.calls, ['edge', 'client', 'origin', 'monitoring'].map((name) => `build image anycast-lab/${name}:0.1 --target ${name}`));
  t.deepEqual(engine.imageLabelsByRef.get('anycast-lab/edge:0.1'), { [LABEL.contextHash]: imageContextHash() });
  engine.calls.length = 0;
  await ensureImages(engine, silentProgress, undefined, async () => {
    throw new Error('nothing to build: the base images are not even looked at');
  });
  t.deepEqual(engine.calls, [], 'a second run builds nothing');
});

test('ensureImages for a lab builds only the images it names (up without --monitoring builds no Prometheus image)', async (t) => {
  const engine = new FakeEngine();
  await ensureImages(engine, silentProgress, ['router', 'edge', 'client', 'origin'], officialBase);
  t.deepEqual(engine.calls, ['router', 'edge', 'client', 'origin'].map((name) => `build image anycast-lab/${name}:0.1 --target ${name}`));
});
