import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import { FaultStore, type FaultRecord } from '../../../orchestrator/src/chaos/faults/fault-store.ts';
import { ROOT } from '../../helpers/topologies.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const record = (id: string): FaultRecord => ({ id, kind: 'pop-kill', target: 'west', appliedAtMs: 0, pid: process.pid, revert: [] });

function tempFile(t: ExecutionContext): string {
  return join(tempDir(t, 'store'), 'faults.json');
}

const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

test('two stores on one file (two controllers) lose none of each other\'s records', async (t) => {
  const file = tempFile(t);
  const [a, b] = [new FaultStore('mini', file), new FaultStore('mini', file)];
  await Promise.all([...ids('a', 30).map((id) => a.add(record(id))), ...ids('b', 30).map((id) => b.add(record(id)))]);
  t.is((await a.list()).length, 60);
  await Promise.all([...ids('a', 30).map((id) => a.remove([id])), ...ids('b', 15).map((id) => b.remove([id]))]);
  t.deepEqual((await b.list()).map((r) => r.id).sort(), ids('b', 30).slice(15).sort());
});

test('two processes adding to one state file at once lose nothing', async (t) => {
  const file = tempFile(t);
  const script = `
    import { FaultStore } from ${JSON.stringify(`${ROOT}orchestrator/src/chaos/faults/fault-store.ts`)};
    const store = new FaultStore('mini', process.argv[1]);
    await new Promise((resolve) => setTimeout(resolve, Number(process.argv[2]) - Date.now()));
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.add({ id: 'child-' + i, kind: 'pop-kill', target: 'west', appliedAtMs: 0, pid: process.pid, revert: [] })));
  `;
  const store = new FaultStore('mini', file);
  // Both start adding at the same moment, once the child is surely up.
  const startAt = Date.now() + 4000;
  const child = execa('node', ['--import=tsx', '--input-type=module', '-e', script, file, String(startAt)], { cwd: ROOT });
  await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
  await Promise.all([child, ...ids('parent', 40).map((id) => store.add(record(id)))]);
  const all = (await store.list()).map((r) => r.id);
  t.is(all.length, 80);
  t.is(new Set(all).size, 80);
});

test('a lock left by a process that is gone is taken over', async (t) => {
  const file = tempFile(t);
  // pid 2^22 + 1 is above Linux's pid_max default: no such process.
  await writeFile(`${file}.lock`, `${2 ** 22 + 1}\n${Date.now()}\n`);
  const store = new FaultStore('mini', file);
  await store.add(record('x'));
  t.deepEqual((await store.list()).map((r) => r.id), ['x']);
  await t.throwsAsync(readFile(`${file}.lock`), { code: 'ENOENT' });
});

test('a failed revert is kept with its reason', async (t) => {
  const store = new FaultStore('mini', tempFile(t));
  await store.add(record('pop-kill-1'));
  await store.markRevertFailed('pop-kill-1', 'east: resume: no such container');
  const [kept] = await new FaultStore('mini', store.file).list();
  t.like(kept, { id: 'pop-kill-1', revertFailed: { message: 'east: resume: no such container' } });
});
