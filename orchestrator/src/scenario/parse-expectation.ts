import { parseCidr } from '../net/ipv4.ts';
import { readBool, readChoice, readCount, readDurationMs, readFieldValue, readNumber, readPercent, readString } from '../input/read-scalars.ts';
import { fail } from '../input/source.ts';
import { readSession } from './parse-fault.ts';
import { readReference, remember } from './read-references.ts';
import type { ScenarioMap, ScenarioSlot } from './read-references.ts';
import type { Expectation, ExpectationKind } from './types.ts';

/** The fields each expectation kind takes, besides `expect` (and `at` in steps). */
export const EXPECTATION_FIELDS: Readonly<Record<ExpectationKind, readonly string[]>> = {
  catchment: ['client', 'pop'],
  convergence: ['client', 'max', 'after'],
  lost: ['client', 'max', 'after'],
  'success-rate': ['client', 'min', 'max', 'since'],
  latency: ['client', 'min', 'max', 'since'],
  spread: ['max-over-mean', 'min-jain', 'since'],
  'bgp-session': ['router', 'peer', 'state'],
  route: ['router', 'prefix', 'present'],
  'attack-share': ['of', 'pop', 'min', 'max'],
  'attack-spread': ['of', 'min-jain', 'max-over-mean'],
  mitigated: ['of', 'pop', 'within'],
  'origin-load': ['max', 'since'],
};

/** Steady-state expectations hold before the first step and after the last: nothing to measure from. */
export const STEP_ONLY_FIELDS: readonly string[] = ['after', 'since'];
export const STEP_ONLY_KINDS: readonly ExpectationKind[] = ['convergence', 'lost', 'attack-share', 'attack-spread', 'mitigated', 'origin-load'];

/** Expectations measured on an attack: the one named by `of:`, else the latest one before them. */
export const ATTACK_EXPECTATION_KINDS: readonly ExpectationKind[] = ['attack-share', 'attack-spread', 'mitigated'];

/** Longest convergence or latency bound a scenario may write. */
const MAX_BOUND_MS = 600_000;

export function readExpectation(map: ScenarioMap, kind: ExpectationKind): Expectation | undefined {
  switch (kind) {
    case 'catchment': {
      const client = readClient(map);
      const pop = readCatchmentPop(map.require('pop', 'the PoP expected to answer, e.g. `pop: tokyo` or `pop: not tokyo`'));
      return client === undefined || pop === undefined ? undefined : { kind, client, ...pop };
    }
    case 'convergence': {
      const client = readClient(map);
      const maxMs = readDurationMs(map.require('max', 'the longest convergence allowed, e.g. `max: 1s`'), 0, MAX_BOUND_MS)?.value;
      const fault = readString(map.get('after'))?.value;
      return client === undefined || maxMs === undefined ? undefined : { kind, client, maxMs, ...(fault === undefined ? {} : { fault }) };
    }
    case 'lost': {
      const client = readClient(map);
      const max = readCount(map.require('max', 'the most failed requests allowed, e.g. `max: 50`'), 0, 1_000_000)?.value;
      const fault = readString(map.get('after'))?.value;
      return client === undefined || max === undefined ? undefined : { kind, client, max, ...(fault === undefined ? {} : { fault }) };
    }
    case 'success-rate': {
      const client = readClientOrAll(map.get('client'));
      const minPercent = readPercent(map.get('min'))?.value;
      const maxPercent = readPercent(map.get('max'))?.value;
      const sinceMs = readDurationMs(map.get('since'), 0, Infinity)?.value;
      if (!map.has('min') && !map.has('max')) return fail(map.slot, 'success-rate needs `min` or `max` (or both), e.g. `min: 99%`');
      return {
        kind,
        ...(client === undefined || client === 'all' ? {} : { client }),
        ...(minPercent === undefined ? {} : { minPercent }),
        ...(maxPercent === undefined ? {} : { maxPercent }),
        ...(sinceMs === undefined ? {} : { sinceMs }),
      };
    }
    case 'latency': {
      const client = readClient(map);
      const minMs = readDurationMs(map.get('min'), 0, MAX_BOUND_MS)?.value;
      const maxMs = readDurationMs(map.get('max'), 0, MAX_BOUND_MS)?.value;
      const sinceMs = readDurationMs(map.get('since'), 0, Infinity)?.value;
      if (!map.has('min') && !map.has('max')) return fail(map.slot, 'latency needs `min` or `max` (or both), e.g. `min: 300ms`');
      if (client === undefined) return undefined;
      return {
        kind,
        client,
        ...(minMs === undefined ? {} : { minMs }),
        ...(maxMs === undefined ? {} : { maxMs }),
        ...(sinceMs === undefined ? {} : { sinceMs }),
      };
    }
    case 'spread': {
      const maxOverMean = readNumber(map.get('max-over-mean'), 1, 1000)?.value;
      const minJain = readNumber(map.get('min-jain'), 0, 1)?.value;
      const sinceMs = readDurationMs(map.get('since'), 0, Infinity)?.value;
      if (!map.has('max-over-mean') && !map.has('min-jain')) {
        return fail(map.slot, 'spread needs `max-over-mean` or `min-jain` (or both), e.g. `min-jain: 0.8`');
      }
      return {
        kind,
        ...(maxOverMean === undefined ? {} : { maxOverMean }),
        ...(minJain === undefined ? {} : { minJain }),
        ...(sinceMs === undefined ? {} : { sinceMs }),
      };
    }
    case 'bgp-session': {
      const session = readSession(map);
      const state = readChoice(map.require('state', 'the session state, `established` or `down`'), ['established', 'down'] as const)?.value;
      return session === undefined || state === undefined ? undefined : { kind, session, state };
    }
    case 'attack-share': {
      const attack = readString(map.get('of'))?.value;
      const pop = readReference(map.require('pop', 'the PoP whose share of the attack is bounded, e.g. `pop: west`'), 'pop');
      const minPercent = readPercent(map.get('min'))?.value;
      const maxPercent = readPercent(map.get('max'))?.value;
      if (!map.has('min') && !map.has('max')) return fail(map.slot, 'attack-share needs `min` or `max` (or both), e.g. `max: 60%`');
      if (pop === undefined) return undefined;
      return {
        kind,
        pop,
        ...(minPercent === undefined ? {} : { minPercent }),
        ...(maxPercent === undefined ? {} : { maxPercent }),
        ...(attack === undefined ? {} : { attack }),
      };
    }
    case 'attack-spread': {
      const attack = readString(map.get('of'))?.value;
      const minJain = readNumber(map.get('min-jain'), 0, 1)?.value;
      const maxOverMean = readNumber(map.get('max-over-mean'), 1, 1000)?.value;
      if (!map.has('max-over-mean') && !map.has('min-jain')) {
        return fail(map.slot, 'attack-spread needs `min-jain` or `max-over-mean` (or both), e.g. `min-jain: 0.9`');
      }
      return {
        kind,
        ...(minJain === undefined ? {} : { minJain }),
        ...(maxOverMean === undefined ? {} : { maxOverMean }),
        ...(attack === undefined ? {} : { attack }),
      };
    }
    case 'mitigated': {
      const attack = readString(map.get('of'))?.value;
      const pop = readPopOrAll(map.require('pop', 'the PoP that mitigates, or `all` for every PoP the attack reaches, e.g. `pop: all`'));
      const withinMs = readDurationMs(map.require('within', 'how soon after the attack starts, e.g. `within: 3s`'), 0, MAX_BOUND_MS)?.value;
      if (pop === undefined || withinMs === undefined) return undefined;
      return { kind, pop, withinMs, ...(attack === undefined ? {} : { attack }) };
    }
    case 'origin-load': {
      const maxRate = readFieldValue(map.require('max', 'the most requests per second the origin may get, e.g. `max: 50/s`'), ORIGIN_RATE)?.value;
      const sinceMs = readDurationMs(map.get('since'), 0, Infinity)?.value;
      return maxRate === undefined ? undefined : { kind, maxRate, ...(sinceMs === undefined ? {} : { sinceMs }) };
    }
    case 'route': {
      const router = readReference(map.require('router', 'the router to look at, e.g. `router: t-asia`'), 'router');
      const prefix = readPrefix(map.require('prefix', 'the prefix, e.g. `prefix: 198.51.100.0/24`'));
      const present = readBool(map.require('present', '`present: true` or `present: false`'))?.value;
      return router === undefined || prefix === undefined || present === undefined ? undefined : { kind, router, prefix, present };
    }
  }
}

function readClient(map: ScenarioMap): string | undefined {
  return readReference(map.require('client', 'the client network, e.g. `client: users-asia`'), 'client');
}

const ORIGIN_RATE = { type: 'request-rate', min: 0.001, max: 1_000_000, doc: 'requests per second at the origin' } as const;

function readPopOrAll(slot: ScenarioSlot): string | undefined {
  const name = readString(slot)?.value;
  return name === 'all' ? name : name === undefined ? undefined : readReference(slot, 'pop');
}

function readClientOrAll(slot: ScenarioSlot): string | undefined {
  const name = readString(slot)?.value;
  return name === 'all' ? name : name === undefined ? undefined : readReference(slot, 'client');
}

function readCatchmentPop(slot: ScenarioSlot): { pop: string; negate: boolean } | undefined {
  const text = readString(slot)?.value;
  if (text === undefined) return undefined;
  const negated = /^not\s+(\S+)$/.exec(text);
  const pop = negated ? negated[1]! : text;
  if (/\s/.test(pop)) return fail(slot, `expected a PoP name or \`not <pop>\`, got "${text}"`);
  remember(slot, 'pop', pop);
  return { pop, negate: negated !== null };
}

function readPrefix(slot: ScenarioSlot): string | undefined {
  const text = readString(slot)?.value;
  if (text === undefined) return undefined;
  return parseCidr(text) === undefined ? fail(slot, `expected an IPv4 prefix such as 198.51.100.0/24, got "${text}"`) : text;
}
