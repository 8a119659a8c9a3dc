import test from 'ava';
import { repairs } from '../../../orchestrator/src/faults/registry.ts';
import type { AddressPlan } from '../../../orchestrator/src/plan/types.ts';
import { shippedPlan } from '../../helpers/topologies.ts';

let mini: AddressPlan;
test.before(async () => {
  mini = await shippedPlan('mini');
});

test('pop-restart ends crashes and kills of its PoP and of its servers, not of another PoP', (t) => {
  const restart = { kind: 'pop-restart', pop: 'west' } as const;
  t.true(repairs(mini, restart, { kind: 'pop-crash', pop: 'west' }));
  t.true(repairs(mini, restart, { kind: 'pop-kill', pop: 'west' }));
  t.true(repairs(mini, restart, { kind: 'server-crash', server: 'west/edge-2' }));
  t.false(repairs(mini, restart, { kind: 'pop-crash', pop: 'east' }));
  t.false(repairs(mini, restart, { kind: 'pop-drain', pop: 'west', waitMs: 1000 }));
});

test('link-up ends a down link or a flap on it, named either way round', (t) => {
  const up = { kind: 'link-up', link: { a: 't-east', b: 't-west' } } as const;
  t.true(repairs(mini, up, { kind: 'link-down', link: { a: 't-west', b: 't-east' } }));
  t.true(repairs(mini, up, { kind: 'flap', target: { link: { a: 't-west', b: 't-east' } }, count: 2, periodMs: 1000, downForMs: 500 }));
  t.false(repairs(mini, up, { kind: 'link-down', link: { a: 't-west', b: 'west' } }));
  t.false(repairs(mini, up, { kind: 'link-impair', link: { a: 't-west', b: 't-east' }, impairment: { lossPercent: 5 }, direction: 'both' }));
});

test('bgp-session-up ends the session shut from either end; heal ends every partition; undrain its drain', (t) => {
  const up = { kind: 'bgp-session-up', session: { router: 'west', peer: 't-west' } } as const;
  t.true(repairs(mini, up, { kind: 'bgp-session-down', session: { router: 't-west', peer: 'west' } }));
  t.false(repairs(mini, up, { kind: 'bgp-session-down', session: { router: 't-west', peer: 't-east' } }));
  t.true(repairs(mini, { kind: 'heal' }, { kind: 'partition', nodes: ['west'] }));
  t.true(repairs(mini, { kind: 'pop-undrain', pop: 'east' }, { kind: 'pop-drain', pop: 'east', waitMs: 0 }));
  t.false(repairs(mini, { kind: 'pop-crash', pop: 'east' }, { kind: 'pop-crash', pop: 'east' }));
});
