import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { InputInvalidError } from '../../../orchestrator/src/errors.ts';
import { MAX_INPUT_BYTES } from '../../../orchestrator/src/input/input-file.ts';
import { loadTopology, parseTopology } from '../../../orchestrator/src/model/topology.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** tests/fixtures/topologies/base.yaml with lines replaced (numbered from 1). */
const BASE = readFileSync(new URL('../../fixtures/topologies/base.yaml', import.meta.url), 'utf8').trimEnd().split('\n');
const edit = (lines: Record<number, string>): string => BASE.map((line, i) => lines[i + 1] ?? line).join('\n') + '\n';

function refusal(text: string): InputInvalidError {
  try {
    parseTopology(text, 'bounds.yaml');
  } catch (error) {
    if (error instanceof InputInvalidError) return error;
    throw error;
  }
  throw new Error('accepted');
}

test('a BFD interval that is not a whole number of milliseconds is refused (FRR would ignore the line)', (t) => {
  const error = refusal(edit({ 8: '  bfd: { enabled: true, interval: 10.5ms, multiplier: 3 }' }));
  t.like(error.issues[0], { line: 8, path: 'bgp.bfd.interval' });
  t.regex(error.issues[0]!.message, /expected a whole number of milliseconds \(FRR takes BFD intervals as integers\), got "10\.5ms"/);
  t.notThrows(() => parseTopology(edit({ 8: '  bfd: { enabled: true, interval: 1.5s, multiplier: 3 }' }), 'ok.yaml'));
});

test('a topology file over 1 MiB is refused before it is parsed', async (t) => {
  const file = join(tempDir(t, 'big'), 'big.yaml');
  await writeFile(file, `${BASE.join('\n')}\n${'# padding\n'.repeat(MAX_INPUT_BYTES / 10 + 1)}`);
  const error = await t.throwsAsync(loadTopology(file), { instanceOf: InputInvalidError });
  t.like(error!.issues[0], { file, line: 1, column: 1 });
  t.regex(error!.message, /larger than 1024 KiB/);
});

test('a file with thousands of problems lists the first 50 and says how many more', (t) => {
  const transits = Array.from({ length: 300 }, (_, i) => `  - { name: t${i}, asn: x${i} }`).join('\n');
  const error = refusal(edit({ 13: transits, 14: '' }));
  t.true(error.issues.length >= 300);
  const lines = error.message.split('\n');
  t.is(lines.filter((l) => l.startsWith('  bounds.yaml:')).length, 50);
  t.regex(lines.at(-1)!, new RegExp(`^ {2}\\.\\.\\. and ${error.issues.length - 50} more$`));
});
