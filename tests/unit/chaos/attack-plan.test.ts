import test from 'ava';
import { checkAttackFields } from '../../../contracts/attack-kinds.ts';
import { botnetsOf, planAttack, sumCounters } from '../../../orchestrator/src/chaos/attacks/attack-plan.ts';
import { planAddresses } from '../../../orchestrator/src/plan/addressing.ts';
import { shippedTopology } from '../../helpers/topologies.ts';

const settings = (raw: Record<string, unknown>) => {
  const checked = checkAttackFields('http-flood', raw);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.settings;
};

test('an attack from all botnets splits its rate over every bot, the remainder to the first ones; each bot gets the duration', async (t) => {
  const plan = planAddresses(await shippedTopology('world'));
  const botnets = botnetsOf(plan);
  t.true(botnets.length >= 2, `world has bots in several regions: ${botnets.join(', ')}`);
  const attack = planAttack(plan, settings({ rate: '101/s', for: '5s' }), 'all');
  t.deepEqual(attack.from, botnets);
  t.is(attack.bots.reduce((n, b) => n + b.params.rps, 0), 101);
  t.true(attack.bots.every((b) => b.params.durationMs === 5000 && b.params.kind === 'http-flood'));
  const rates = attack.bots.map((b) => b.params.rps);
  t.true(Math.max(...rates) - Math.min(...rates) <= 1);
  t.deepEqual(new Set(attack.bots.map((b) => b.botnet)), new Set(botnets));
});

test('an attack from one botnet uses its bots only; unknown botnets and too low a rate are refused', async (t) => {
  const plan = planAddresses(await shippedTopology('world'));
  const [first] = botnetsOf(plan);
  const attack = planAttack(plan, settings({ rate: '50/s', for: '1s' }), [first!]);
  t.true(attack.bots.length >= 1 && attack.bots.every((b) => b.botnet === first));
  t.throws(() => planAttack(plan, settings({ rate: '50/s', for: '1s' }), ['bots-mars']), { message: /bots-mars: no such botnet in lab world/ });
  const bots = planAttack(plan, settings({ rate: '50/s', for: '1s' }), 'all').bots.length;
  if (bots > 1) t.throws(() => planAttack(plan, settings({ rate: '1/s', for: '1s' }), 'all'), { message: /below one per second/ });
});

test('counters add up over bots, per PoP too', (t) => {
  const view = (sent: number, pops: Record<string, { received: number; blocked: number }>) => ({ sent, ok: sent, blocked: 0, errors: 0, timeouts: 0, skipped: 0, inFlight: 0, byPop: pops });
  const total = sumCounters([view(10, { west: { received: 10, blocked: 2 } }), view(5, { west: { received: 1, blocked: 0 }, east: { received: 4, blocked: 4 } })]);
  t.like(total, { sent: 15, ok: 15 });
  t.deepEqual(total.byPop, { west: { received: 11, blocked: 2 }, east: { received: 4, blocked: 4 } });
});
