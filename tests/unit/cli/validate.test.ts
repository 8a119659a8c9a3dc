import test from 'ava';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { detectInputKind } from '../../../orchestrator/src/scenario/input-kind.ts';
import { EXIT } from '../../../orchestrator/src/cli/exit-codes.ts';
import { runCli } from './capture.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const MINI = join(ROOT, 'topology/mini.yaml');

test('a file is a scenario when it has steps or a steady state', (t) => {
  t.is(detectInputKind('name: x\nlab: ../mini.yaml\nsteps:\n  - { at: 1s, fault: heal }\n'), 'scenario');
  t.is(detectInputKind('steady-state: []\n'), 'scenario');
  t.is(detectInputKind('lab: mini\ntransits: []\npops: []\n'), 'topology');
});

test.serial('validate checks a scenario offline, with its topology, and says what it found', async (t) => {
  const result = await runCli(['validate', join(ROOT, 'topology/scenarios/mini-pop-crash-bfd.yaml'), MINI]);
  t.is(result.code, EXIT.ok, result.stderr);
  t.regex(result.stdout, /mini-pop-crash-bfd\.yaml: valid scenario: mini-pop-crash-bfd: \d+ steps/);
  t.regex(result.stdout, /mini\.yaml: valid topology: mini: /);
});

test.serial('validate refuses a scenario naming a PoP its topology lacks, with file:line:col, as JSON too', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'validate-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'bad.yaml');
  await writeFile(file, `name: bad\nlab: ${MINI}\nsteps:\n  - { at: 1s, fault: pop-crash, pop: tokio }\n`);
  const text = await runCli(['validate', file]);
  t.is(text.code, EXIT.failed);
  t.regex(text.stderr, new RegExp(`${file.replace(/[.]/g, '\\.')}:4:\\d+: .*tokio`));
  const json = await runCli(['validate', '--json', file]);
  t.is(json.code, EXIT.failed);
  const parsed = JSON.parse(json.stdout) as { valid: boolean; files: { kind: string; issues: { line: number; message: string }[] }[] };
  t.false(parsed.valid);
  t.is(parsed.files[0]!.kind, 'scenario');
  t.is(parsed.files[0]!.issues[0]!.line, 4);
});

test.serial('compose --out writes its .env beside the file, never over the checked-in one', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'compose-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const checkedIn = await stat(join(ROOT, '.env')).then((s) => s.mtimeMs, () => undefined);
  const result = await runCli(['compose', MINI, '--out', join(dir, 'lab.yml')]);
  t.is(result.code, EXIT.ok, result.stderr);
  t.regex(await readFile(join(dir, '.env'), 'utf8'), /=/);
  t.regex(await readFile(join(dir, 'lab.yml'), 'utf8'), /services:/);
  t.is(await stat(join(ROOT, '.env')).then((s) => s.mtimeMs, () => undefined), checkedIn);
});
