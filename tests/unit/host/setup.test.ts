import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { imageContextHash } from '../../../orchestrator/src/host/setup.ts';
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
