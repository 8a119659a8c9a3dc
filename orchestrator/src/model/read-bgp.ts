/** Reader for `bgp`: the timer profile and BFD. */
import { isMap } from 'yaml';
import { readMap } from '../input/read-structure.ts';
import type { Fields } from '../input/read-structure.ts';
import { readBool, readChoice, readCount, readDurationMs, readValue, withDefault } from '../input/read-scalars.ts';
import { describe, fail } from '../input/source.ts';
import type { Located, Slot } from '../input/source.ts';
import { TIMER_PROFILES } from './types.ts';
import type { BfdSettings, BgpSettings } from './types.ts';

type Timers = Pick<BgpSettings, 'profile' | 'keepaliveS' | 'holdS'>;

const PROFILES = Object.keys(TIMER_PROFILES) as (keyof typeof TIMER_PROFILES)[];

/** RFC 4271: a hold time is 0 (the session never expires) or at least 3 s. */
const holdTime = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && (v === 0 || (v >= 3 && v <= 65535)) ? v : undefined;

function readCustomTimers(slot: Slot): Timers | undefined {
  const fields = readMap(slot, { required: ['keepalive', 'hold'], optional: [] }, 'bgp.timers');
  const keepalive = readCount(fields('keepalive'), 1, 65535);
  const hold = readValue(fields('hold'), 'a hold time in seconds: 0 (never expires) or 3..65535 (RFC 4271)', holdTime);
  if (!keepalive || !hold) return undefined;
  if (hold.value !== 0 && hold.value <= keepalive.value) {
    return fail(fields('hold'), `hold (${hold.value} s) must be longer than keepalive (${keepalive.value} s); usually hold = 3 × keepalive`);
  }
  return { profile: 'custom', keepaliveS: keepalive.value, holdS: hold.value };
}

function readTimers(slot: Slot): Timers | undefined {
  if (slot.node === undefined) return { profile: 'datacenter', ...TIMER_PROFILES.datacenter };
  if (isMap(slot.node)) return readCustomTimers(slot);
  const expected = '"datacenter" (keepalive 3 s, hold 9 s), "traditional" (60 s, 180 s) or a map with keys keepalive, hold';
  const profile = readChoice(slot, PROFILES, expected);
  return profile && { profile: profile.value, ...TIMER_PROFILES[profile.value] };
}

/** 10ms..10s in whole milliseconds: FRR's `bfd` timers are integers, and it ignores a line with `10.5`. */
function readBfdInterval(slot: Slot): Located<number> | undefined {
  const interval = readDurationMs(slot, 10, 10_000);
  if (interval && !Number.isInteger(interval.value)) {
    return fail(slot, `expected a whole number of milliseconds (FRR takes BFD intervals as integers), got ${describe(slot.node)}`);
  }
  return interval;
}

function readBfd(slot: Slot): BfdSettings | undefined {
  const fields = readMap(slot, { required: [], optional: ['enabled', 'interval', 'multiplier'] }, 'bgp.bfd');
  const enabled = withDefault(fields('enabled'), readBool, true);
  const interval = withDefault(fields('interval'), readBfdInterval, 100);
  const multiplier = withDefault(fields('multiplier'), (s) => readCount(s, 1, 255), 3);
  return enabled && interval && multiplier && { enabled: enabled.value, intervalMs: interval.value, multiplier: multiplier.value };
}

export function readBgp(fields: Fields): BgpSettings | undefined {
  const timers = readTimers(fields('timers'));
  const bfd = readBfd(fields('bfd'));
  return timers && bfd && { ...timers, bfd };
}
