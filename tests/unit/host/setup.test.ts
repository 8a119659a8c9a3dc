import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { BASE_IMAGES, imageContextHash } from '../../../orchestrator/src/host/setup.ts';
import { ROOT } from '../../helpers/topologies.ts';

test('the image context hash changes with what the Dockerfile sees and ignores sources and docs', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'anycast-lab-ctx-'));
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
