import { parseCidr } from '../net/ipv4.ts';
import { readSession } from './parse-fault.ts';
import type { Expectation, ExpectationKind } from './types.ts';
import {
  positionOf,
  readBoolean,
  readDuration,
  readEnum,
  readNumber,
  readPercent,
  readReference,
  readString,
  report,
} from './yaml-reader.ts';
import type { MapReader, ValueReader } from './yaml-reader.ts';

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
};

/** Steady-state expectations hold before the first step and after the last: nothing to measure from. */
export const STEP_ONLY_FIELDS: readonly string[] = ['after', 'since'];
export const STEP_ONLY_KINDS: readonly ExpectationKind[] = ['convergence', 'lost'];

/** Longest convergence or latency bound a scenario may write. */
const MAX_BOUND_MS = 600_000;

export function readExpectation(map: MapReader, kind: ExpectationKind): Expectation | undefined {
  switch (kind) {
    case 'catchment': {
      const client = readClient(map);
      const pop = map.require('pop', readCatchmentPop, 'the PoP expected to answer, e.g. `pop: tokyo` or `pop: not tokyo`');
      return client === undefined || pop === undefined ? undefined : { kind, client, ...pop };
    }
    case 'convergence': {
      const client = readClient(map);
      const maxMs = map.require('max', readDuration(0, MAX_BOUND_MS), 'the longest convergence allowed, e.g. `max: 1s`');
      const fault = map.read('after', readString);
      return client === undefined || maxMs === undefined ? undefined : { kind, client, maxMs, ...(fault === undefined ? {} : { fault }) };
    }
    case 'lost': {
      const client = readClient(map);
      const max = map.require('max', readNumber(0, 1_000_000, true), 'the most failed requests allowed, e.g. `max: 50`');
      const fault = map.read('after', readString);
      return client === undefined || max === undefined ? undefined : { kind, client, max, ...(fault === undefined ? {} : { fault }) };
    }
    case 'success-rate': {
      const client = map.read('client', readClientOrAll);
      const minPercent = map.read('min', readPercent);
      const maxPercent = map.read('max', readPercent);
      const sinceMs = map.read('since', readDuration(0, Infinity));
      if (!map.has('min') && !map.has('max')) return report(map.ctx, map.node, map.path, 'success-rate needs `min` or `max` (or both), e.g. `min: 99%`');
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
      const minMs = map.read('min', readDuration(0, MAX_BOUND_MS));
      const maxMs = map.read('max', readDuration(0, MAX_BOUND_MS));
      const sinceMs = map.read('since', readDuration(0, Infinity));
      if (!map.has('min') && !map.has('max')) return report(map.ctx, map.node, map.path, 'latency needs `min` or `max` (or both), e.g. `min: 300ms`');
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
      const maxOverMean = map.read('max-over-mean', readNumber(1, 1000));
      const minJain = map.read('min-jain', readNumber(0, 1));
      const sinceMs = map.read('since', readDuration(0, Infinity));
      if (!map.has('max-over-mean') && !map.has('min-jain')) {
        return report(map.ctx, map.node, map.path, 'spread needs `max-over-mean` or `min-jain` (or both), e.g. `min-jain: 0.8`');
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
      const state = map.require('state', readEnum(['established', 'down'] as const), 'the session state, `established` or `down`');
      return session === undefined || state === undefined ? undefined : { kind, session, state };
    }
    case 'route': {
      const router = map.require('router', readReference('router'), 'the router to look at, e.g. `router: t-asia`');
      const prefix = map.require('prefix', readPrefix, 'the prefix, e.g. `prefix: 198.51.100.0/24`');
      const present = map.require('present', readBoolean, '`present: true` or `present: false`');
      return router === undefined || prefix === undefined || present === undefined ? undefined : { kind, router, prefix, present };
    }
  }
}

function readClient(map: MapReader): string | undefined {
  return map.require('client', readReference('client'), 'the client network, e.g. `client: users-asia`');
}

const readClientOrAll: ValueReader<string> = (ctx, node, path) => {
  const name = readString(ctx, node, path);
  return name === 'all' ? name : name === undefined ? undefined : readReference('client')(ctx, node, path);
};

const readCatchmentPop: ValueReader<{ pop: string; negate: boolean }> = (ctx, node, path) => {
  const text = readString(ctx, node, path);
  if (text === undefined) return undefined;
  const negated = /^not\s+(\S+)$/.exec(text);
  const pop = negated ? negated[1]! : text;
  if (/\s/.test(pop)) return report(ctx, node, path, `expected a PoP name or \`not <pop>\`, got "${text}"`);
  ctx.references.push({ kind: 'pop', name: pop, ...positionOf(ctx, node, path) });
  return { pop, negate: negated !== null };
};

const readPrefix: ValueReader<string> = (ctx, node, path) => {
  const text = readString(ctx, node, path);
  if (text === undefined) return undefined;
  return parseCidr(text) === undefined ? report(ctx, node, path, `expected an IPv4 prefix such as 198.51.100.0/24, got "${text}"`) : text;
};
