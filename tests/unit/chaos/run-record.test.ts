import test from 'ava';
import type { InjectedFault } from '../../../orchestrator/src/chaos/faults/fault-controller.ts';
import { RunRecord } from '../../../orchestrator/src/chaos/run-record.ts';

const fault = (id: string, kind: string, atMs: number, repaired: string[] = []): InjectedFault => ({ id, kind, target: 'x', atMs, repaired, finished: Promise.resolve() });

test('faults, reverts and repairs become timeline events; repairs are never in force', (t) => {
  const record = new RunRecord(1000);
  record.faultApplied(fault('down', 'link-down', 3000));
  record.faultApplied(fault('crash', 'pop-crash', 4000));
  t.deepEqual(record.inForce(), ['down', 'crash']);
  record.faultApplied(fault('link-up', 'link-up', 6000, ['down']));
  record.faultReverted('crash', 7000);
  t.deepEqual(record.inForce(), []);
  const timeline = record.timeline(9000, [
    { client: 'users-west', node: 'p', records: [0, 1000, 5000, 9000, 9001].map((sentAt, seq) => ({ seq, sentAt, outcome: 'ok' as const, latencyMs: 1 })) },
  ]);
  t.deepEqual(timeline.faults.map((f) => [f.id, f.atMs, f.revertedAtMs]), [['down', 3000, 6000], ['crash', 4000, 7000], ['link-up', 6000, undefined]]);
  t.deepEqual(timeline.clients[0]!.records.map((r) => r.sentAt), [1000, 5000, 9000], 'only records sent during the run');
});

test('a flap`s cycles are taken as they stand when the timeline is made', (t) => {
  const cycles = [{ downAtMs: 2000 }];
  const record = new RunRecord(1000);
  record.faultApplied({ ...fault('flap', 'flap', 2000), cycles });
  cycles.push({ downAtMs: 4000 });
  t.is(record.timeline(5000, []).faults[0]!.cycles!.length, 2);
});
