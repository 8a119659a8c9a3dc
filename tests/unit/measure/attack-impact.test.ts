import test from 'ava';
import type { AttackCounters } from '../../../contracts/agent-api.ts';
import { measureAttack, NO_READINGS, originLoad, originRate, type AttackEvent, type BotReading, type EdgeDropReading } from '../../../orchestrator/src/measure/attack-impact.ts';

const T0 = 1_000_000;
const event: AttackEvent = {
  id: 'flood',
  kind: 'http-flood',
  from: ['bots-west', 'bots-east'],
  rate: 200,
  startedAtMs: T0,
  endedAtMs: T0 + 5000,
  bots: [{ node: 'bots-west-1', botnet: 'bots-west' }, { node: 'bots-east-1', botnet: 'bots-east' }],
};

const counters = (sent: number, byPop: AttackCounters['byPop']): AttackCounters => ({ sent, ok: 0, blocked: 0, errors: 0, timeouts: 0, skipped: 0, inFlight: 0, byPop });

/** A bot whose PoP answers 100 a second and blocks from `blocksFrom` (seconds after the start) on; cumulative readings each second. */
function bot(node: string, pop: string, seconds: number, blocksFrom: number): BotReading[] {
  const readings: BotReading[] = [];
  let received = 0;
  let blocked = 0;
  for (let s = 0; s < seconds; s++) {
    received += 100;
    blocked += s >= blocksFrom ? 95 : 10;
    readings.push({ atMs: T0 + s * 1000 + 900, attack: 'flood', node, counters: counters(received, { [pop]: { received, blocked } }) });
  }
  return readings;
}

test('per PoP: received, blocked, served from the bots\' last counters; shares, Jain and max/mean over every PoP of the lab', (t) => {
  const impact = measureAttack(event, { ...NO_READINGS, bots: [...bot('bots-west-1', 'west', 5, 2), ...bot('bots-east-1', 'east', 5, 0)] }, ['west', 'east', 'north']);
  t.is(impact.sent, 1000);
  t.deepEqual(impact.pops.map((p) => [p.name, p.received, p.blocked, p.served, p.dropped, p.share]), [
    ['west', 500, 305, 195, null, 0.5],
    ['east', 500, 475, 25, null, 0.5],
    ['north', 0, 0, 0, null, 0],
  ]);
  t.deepEqual(impact.pops.map((p) => p.timeToMitigateMs), [2000, 0, null], 'west blocks >= 90% from its third second on; north never saw the attack');
  t.is(impact.spread.maxOverMean, 1.5);
  t.is(impact.spread.jain, (1000 * 1000) / (3 * 2 * 500 * 500));
});

test('kernel drops count per PoP over the attack, against the last count before it, and mitigate a second the bots saw no answer in', (t) => {
  const edge = (server: string, pop: string, atS: number, droppedPackets: number): EdgeDropReading => ({ atMs: T0 + atS * 1000, pop, server, droppedPackets });
  const edges = [
    edge('edge-1', 'west', -1, 50), edge('edge-1', 'west', 1.5, 50), edge('edge-1', 'west', 2.5, 450), edge('edge-1', 'west', 3.5, 950),
    edge('edge-2', 'west', -1, 0), edge('edge-2', 'west', 2.5, 100),
    // After the attack and its tail: not this attack's.
    edge('edge-1', 'west', 9, 5000),
  ];
  const bots = bot('bots-west-1', 'west', 2, 9);
  const impact = measureAttack(event, { ...NO_READINGS, bots, edges }, ['west', 'east']);
  const west = impact.pops.find((p) => p.name === 'west')!;
  t.is(west.dropped, 1000);
  t.is(west.received, 200);
  t.is(west.share, 1);
  t.is(west.timeToMitigateMs, 2000, 'second 2: 500 dropped and nothing answered');
  t.is(impact.pops.find((p) => p.name === 'east')!.dropped, 0, 'edges that dropped nothing count 0, not unknown');
});

test('an edge that restarted counts from zero again', (t) => {
  const edges: EdgeDropReading[] = [
    { atMs: T0 - 100, pop: 'west', server: 'edge-1', droppedPackets: 700 },
    { atMs: T0 + 1000, pop: 'west', server: 'edge-1', droppedPackets: 800 },
    { atMs: T0 + 2000, pop: 'west', server: 'edge-1', droppedPackets: 30 },
  ];
  t.is(measureAttack(event, { ...NO_READINGS, edges }, ['west']).pops[0]!.dropped, 130);
});

test('measured up to a time: only the readings until then', (t) => {
  const impact = measureAttack(event, { ...NO_READINGS, bots: bot('bots-west-1', 'west', 5, 2) }, ['west'], T0 + 2000);
  t.is(impact.pops[0]!.received, 200);
  t.is(impact.pops[0]!.timeToMitigateMs, null);
});

test('origin requests per second before the first attack and while attacks run; restarts and gaps handled', (t) => {
  const origin = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((s) => ({ atMs: T0 - 3000 + s * 1000, total: s <= 3 ? s * 10 : 30 + (s - 3) * 100 }));
  t.is(originRate(origin, T0 - 3000, T0), 10);
  const load = originLoad(origin, [event], T0 - 3000);
  t.is(load.before, 10);
  t.is(load.during, 100);
  t.deepEqual(originLoad(origin, [], T0), { before: null, during: null });
  t.is(originRate([{ atMs: T0, total: 5 }], T0, T0 + 1), null);
  t.is(originRate([{ atMs: T0, total: 500 }, { atMs: T0 + 1000, total: 20 }], T0, T0 + 1000), 20, 'a restarted origin counts from zero');
});
