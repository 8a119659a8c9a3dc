import test from 'ava';
import { baselineCatchments, isSettled } from '../../../orchestrator/src/chaos/settle.ts';
import type { ProbeRecord } from '../../../contracts/agent-api.ts';
import type { ClientTimeline } from '../../../orchestrator/src/measure/timeline.ts';

/** One record every 20 ms in [from, to), answered by `pop` or failed with `outcome`. */
function records(from: number, to: number, pop: string, outcome: ProbeRecord['outcome'] = 'ok'): ProbeRecord[] {
  const list: ProbeRecord[] = [];
  for (let t = from; t < to; t += 20) list.push({ seq: t, sentAt: t, outcome, latencyMs: 2, ...(outcome === 'ok' ? { pop } : {}) });
  return list;
}

const west = (...parts: ProbeRecord[][]): ClientTimeline => ({ client: 'users-west', node: 'users-west-probe-1', records: parts.flat() });
const east = (...parts: ProbeRecord[][]): ClientTimeline => ({ client: 'users-east', node: 'users-east-probe-1', records: parts.flat() });

test('the baseline is each client`s PoP before the first step', (t) => {
  const baseline = baselineCatchments([west(records(0, 3000, 'west')), east(records(0, 3000, 'east'))], 3000);
  t.deepEqual([...baseline], [['users-west', 'west'], ['users-east', 'east']]);
});

test('settled once every client has been answered by its old PoP for a whole window', (t) => {
  const baseline = new Map([['users-west', 'west'], ['users-east', 'east']]);
  const clients = [west(records(0, 3000, 'west'), records(3000, 5000, 'east'), records(5000, 5200, 'x', 'timeout'), records(5200, 9000, 'west')), east(records(0, 9000, 'east'))];
  t.false(isSettled(clients, baseline, 5000, 1000), 'still on the other PoP');
  t.false(isSettled(clients, baseline, 5900, 1000), 'failures in the window');
  t.true(isSettled(clients, baseline, 6300, 1000));
});

test('a client with no answer in the window is not settled', (t) => {
  const baseline = new Map([['users-west', 'west']]);
  t.false(isSettled([west(records(0, 3000, 'west'))], baseline, 5000, 1000));
});
