import { isScalar } from 'yaml';
import { AGENT_LIMITS as LIMITS } from '../../../contracts/agent-api.ts';
import { TIMER_PROFILES } from '../model/types.ts';
import { parseRequestRate } from '../../../contracts/units.ts';
import type { BgpOverrides, ProbeSettings } from './types.ts';
import { readBoolean, readDuration, readMap, readNumber, readReferenceList, readString, report } from './yaml-reader.ts';
import type { ReadContext, ValueNode, ValueReader } from './yaml-reader.ts';

export const DEFAULT_PROBE: ProbeSettings = { clients: 'all', ratePerS: 50, keepAlive: false, timeoutMs: 1000, path: '/probe' };

export function readProbe(ctx: ReadContext, node: ValueNode, path: string): ProbeSettings | undefined {
  const map = readMap(ctx, node, path, 'probe settings');
  if (map === undefined) return undefined;
  map.allowOnly(['clients', 'rate', 'keep-alive', 'timeout', 'path'], 'probe');
  const clients = map.read('clients', readProbeClients);
  const ratePerS = map.read('rate', readRequestRate);
  const keepAlive = map.read('keep-alive', readBoolean);
  const timeoutMs = map.read('timeout', readDuration(1, LIMITS.timeoutMs));
  const probePath = map.read('path', readUrlPath);
  return {
    clients: clients ?? DEFAULT_PROBE.clients,
    ratePerS: ratePerS ?? DEFAULT_PROBE.ratePerS,
    keepAlive: keepAlive ?? DEFAULT_PROBE.keepAlive,
    timeoutMs: timeoutMs ?? DEFAULT_PROBE.timeoutMs,
    path: probePath ?? DEFAULT_PROBE.path,
  };
}

const readProbeClients: ValueReader<'all' | string[]> = (ctx, node, path) => {
  if (isScalar(node) && node.value === 'all') return 'all';
  if (isScalar(node)) return report(ctx, node, path, 'expected `all` or a list of client networks, e.g. [users-asia, users-europe]');
  return readReferenceList('client', 'client network')(ctx, node, path);
};

const readRequestRate: ValueReader<number> = (ctx, node, path) => {
  const rate = isScalar(node) && typeof node.value === 'string' ? parseRequestRate(node.value) : undefined;
  // The probe agent's own limit: a scenario never asks it for what it would refuse.
  if (rate === undefined || rate < 1 || rate > LIMITS.probeRate) {
    return report(ctx, node, path, `expected a request rate from 1/s to ${LIMITS.probeRate}/s, e.g. 50/s`);
  }
  return rate;
};

const readUrlPath: ValueReader<string> = (ctx, node, path) => {
  const value = readString(ctx, node, path);
  if (value === undefined) return undefined;
  return /^\/\S*$/.test(value) ? value : report(ctx, node, path, `expected a URL path starting with /, got "${value}"`);
};

export function readBgpOverrides(ctx: ReadContext, node: ValueNode, path: string): BgpOverrides | undefined {
  const map = readMap(ctx, node, path, 'BGP overrides');
  if (map === undefined) return undefined;
  map.allowOnly(['bfd', 'timers'], 'bgp');
  const bfd = map.read('bfd', readBfd);
  const timers = map.read('timers', readTimers);
  return { ...(bfd === undefined ? {} : { bfd }), ...(timers === undefined ? {} : { timers }) };
}

const readBfd: ValueReader<NonNullable<BgpOverrides['bfd']>> = (ctx, node, path) => {
  const map = readMap(ctx, node, path, 'BFD settings, e.g. { enabled: false }');
  if (map === undefined) return undefined;
  map.allowOnly(['enabled', 'interval', 'multiplier'], 'bfd');
  const enabled = map.read('enabled', readBoolean);
  const intervalMs = map.read('interval', readDuration(10, 60_000));
  const multiplier = map.read('multiplier', readNumber(1, 255, true));
  return {
    ...(enabled === undefined ? {} : { enabled }),
    ...(intervalMs === undefined ? {} : { intervalMs }),
    ...(multiplier === undefined ? {} : { multiplier }),
  };
};

const readTimers: ValueReader<NonNullable<BgpOverrides['timers']>> = (ctx, node, path) => {
  if (isScalar(node) && (node.value === 'datacenter' || node.value === 'traditional')) {
    return { profile: node.value, ...TIMER_PROFILES[node.value] };
  }
  if (isScalar(node)) return report(ctx, node, path, 'expected datacenter (3/9 s), traditional (60/180 s) or { keepalive, hold }');
  const map = readMap(ctx, node, path, 'BGP timers');
  if (map === undefined) return undefined;
  map.allowOnly(['keepalive', 'hold'], 'timers');
  const keepaliveMs = map.require('keepalive', readDuration(1000, 3_600_000), 'seconds between keepalives, e.g. `keepalive: 1s`');
  const holdMs = map.require('hold', readDuration(3000, 10_800_000), 'the hold time, e.g. `hold: 3s`');
  if (keepaliveMs === undefined || holdMs === undefined) return undefined;
  if ([keepaliveMs, holdMs].some((ms) => ms % 1000 !== 0)) return report(ctx, node, path, 'BGP timers are whole seconds');
  if (holdMs <= keepaliveMs) return report(ctx, map.value('hold'), map.at('hold'), 'the hold time must be longer than the keepalive interval');
  return { profile: 'custom', keepaliveS: keepaliveMs / 1000, holdS: holdMs / 1000 };
};
