import { isScalar } from 'yaml';
import { AGENT_LIMITS as LIMITS } from '../../../contracts/agent-api.ts';
import { MapFields } from '../input/read-structure.ts';
import { checkField, expectedValue } from '../../../contracts/field-spec.ts';
import { readBool, readCount, readDurationMs, readValue } from '../input/read-scalars.ts';
import { fail } from '../input/source.ts';
import { TIMER_PROFILES } from '../model/types.ts';
import { readReferenceList } from './read-references.ts';
import type { ScenarioSlot } from './read-references.ts';
import type { BgpOverrides, ProbeSettings } from './types.ts';

export const DEFAULT_PROBE: ProbeSettings = { clients: 'all', ratePerS: 50, keepAlive: false, timeoutMs: 1000, path: '/probe' };

/** The probe agent's own limit: a scenario never asks it for what it would refuse. */
const PROBE_RATE = { type: 'request-rate', min: 1, max: LIMITS.probeRate, doc: '' } as const;

export function readProbe(slot: ScenarioSlot): ProbeSettings | undefined {
  const map = new MapFields(slot, 'probe settings');
  if (!map.read) return undefined;
  map.allowOnly(['clients', 'rate', 'keep-alive', 'timeout', 'path'], 'probe');
  return {
    clients: readProbeClients(map.get('clients')) ?? DEFAULT_PROBE.clients,
    ratePerS: readProbeRate(map.get('rate')) ?? DEFAULT_PROBE.ratePerS,
    keepAlive: readBool(map.get('keep-alive'))?.value ?? DEFAULT_PROBE.keepAlive,
    timeoutMs: readDurationMs(map.get('timeout'), 1, LIMITS.timeoutMs)?.value ?? DEFAULT_PROBE.timeoutMs,
    path: readUrlPath(map.get('path')) ?? DEFAULT_PROBE.path,
  };
}

function readProbeClients(slot: ScenarioSlot): 'all' | string[] | undefined {
  if (isScalar(slot.node) && slot.node.value === 'all') return 'all';
  if (isScalar(slot.node)) return fail(slot, 'expected `all` or a list of client networks, e.g. [users-asia, users-europe]');
  return readReferenceList(slot, 'client', 'client network');
}

/** `50/s`, with its unit: a bare number is refused, as it always was in scenario files. */
function readProbeRate(slot: ScenarioSlot): number | undefined {
  const check = (v: unknown): number | undefined => {
    const checked = typeof v === 'string' ? checkField(PROBE_RATE, v) : undefined;
    return checked?.ok ? checked.value : undefined;
  };
  return readValue(slot, expectedValue(PROBE_RATE), check)?.value;
}

function readUrlPath(slot: ScenarioSlot): string | undefined {
  return readValue(slot, 'a URL path starting with /', (v) => (typeof v === 'string' && /^\/\S*$/.test(v) ? v : undefined))?.value;
}

export function readBgpOverrides(slot: ScenarioSlot): BgpOverrides | undefined {
  const map = new MapFields(slot, 'BGP overrides');
  if (!map.read) return undefined;
  map.allowOnly(['bfd', 'timers'], 'bgp');
  const bfd = readBfd(map.get('bfd'));
  const timers = readTimers(map.get('timers'));
  return { ...(bfd === undefined ? {} : { bfd }), ...(timers === undefined ? {} : { timers }) };
}

function readBfd(slot: ScenarioSlot): NonNullable<BgpOverrides['bfd']> | undefined {
  const map = new MapFields(slot, 'BFD settings, e.g. { enabled: false }');
  if (!map.read) return undefined;
  map.allowOnly(['enabled', 'interval', 'multiplier'], 'bfd');
  const enabled = readBool(map.get('enabled'))?.value;
  const intervalMs = readDurationMs(map.get('interval'), 10, 60_000)?.value;
  const multiplier = readCount(map.get('multiplier'), 1, 255)?.value;
  return {
    ...(enabled === undefined ? {} : { enabled }),
    ...(intervalMs === undefined ? {} : { intervalMs }),
    ...(multiplier === undefined ? {} : { multiplier }),
  };
}

function readTimers(slot: ScenarioSlot): NonNullable<BgpOverrides['timers']> | undefined {
  if (isScalar(slot.node) && (slot.node.value === 'datacenter' || slot.node.value === 'traditional')) {
    return { profile: slot.node.value, ...TIMER_PROFILES[slot.node.value] };
  }
  if (isScalar(slot.node)) return fail(slot, 'expected datacenter (3/9 s), traditional (60/180 s) or { keepalive, hold }');
  const map = new MapFields(slot, 'BGP timers');
  if (!map.read) return undefined;
  map.allowOnly(['keepalive', 'hold'], 'timers');
  const keepaliveMs = readDurationMs(map.require('keepalive', 'seconds between keepalives, e.g. `keepalive: 1s`'), 1000, 3_600_000)?.value;
  const holdMs = readDurationMs(map.require('hold', 'the hold time, e.g. `hold: 3s`'), 3000, 10_800_000)?.value;
  if (keepaliveMs === undefined || holdMs === undefined) return undefined;
  if ([keepaliveMs, holdMs].some((ms) => ms % 1000 !== 0)) return fail(slot, 'BGP timers are whole seconds');
  if (holdMs <= keepaliveMs) return fail(map.get('hold'), 'the hold time must be longer than the keepalive interval');
  return { profile: 'custom', keepaliveS: keepaliveMs / 1000, holdS: holdMs / 1000 };
}
