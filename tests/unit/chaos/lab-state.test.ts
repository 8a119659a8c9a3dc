import test from 'ava';
import { existsSync } from 'node:fs';
import { AttackStore } from '../../../orchestrator/src/chaos/attacks/attack-store.ts';
import { FaultStore, faultStateFile } from '../../../orchestrator/src/chaos/faults/fault-store.ts';
import { forgetLabState, labStateDir } from '../../../orchestrator/src/chaos/lab-state.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

test('a lab\'s fault and attack records live in its state folder, and forgetting the lab removes them', async (t) => {
  const root = tempDir(t, 'lab-state');
  const attacks = new AttackStore('gone', root);
  await attacks.add({ kind: 'http-flood', from: ['bots-west'], rate: 10, startedAtMs: 1, durationMs: 1000, jobs: [] });
  const faults = new FaultStore('gone', faultStateFile('gone', root));
  await faults.add({ id: 'pop-crash-1', kind: 'pop-crash', target: 'west', appliedAtMs: 1, pid: 1, revert: [] });
  t.true(existsSync(labStateDir('gone', root)));
  await forgetLabState('gone', root);
  t.deepEqual(await attacks.list(), []);
  t.deepEqual(await faults.list(), []);
  await t.notThrowsAsync(forgetLabState('never-was', root), 'forgetting a lab with no records is fine');
});
