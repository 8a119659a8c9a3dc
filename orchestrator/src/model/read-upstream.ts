/** Readers for what a link carries: impairments, and the upstream attachment of a node to a transit. */
import { isMap, isScalar } from 'yaml';
import type { UpstreamDraft } from './draft.ts';
import { readMap } from '../input/read-structure.ts';
import type { Fields } from '../input/read-structure.ts';
import { readBitrateKbit, readChoice, readDurationMs, readPercent } from '../input/read-scalars.ts';
import { readName } from './read-topology-values.ts';
import { describe, fail } from '../input/source.ts';
import type { Slot } from '../input/source.ts';
import { LINK_MECHANISMS, type Impairment, type LinkMechanism } from './types.ts';

export const IMPAIRMENT_KEYS = ['delay', 'jitter', 'loss', 'rate'] as const;

/** What a link map takes besides its ends: its impairments and what carries them. */
export const LINK_KEYS = [...IMPAIRMENT_KEYS, 'mechanism'] as const;

/** Longest delay (and jitter) a link takes, in a topology file or from a link-impair fault. */
export const MAX_LINK_DELAY_MS = 10_000;

/** Reads `delay`, `jitter`, `loss` and `rate` from a map; absent ones are left out. */
export function readImpairment(fields: Fields): Impairment {
  const delay = readDurationMs(fields('delay'), 0, MAX_LINK_DELAY_MS);
  const jitter = readDurationMs(fields('jitter'), 0, MAX_LINK_DELAY_MS);
  const loss = readPercent(fields('loss'));
  const rate = readBitrateKbit(fields('rate'));
  if (jitter && fields('delay').node === undefined) {
    fail(fields('jitter'), 'jitter needs a delay to vary around; set delay too');
  } else if (jitter && delay && jitter.value > delay.value) {
    // The wire draws each delay from [delay - jitter, delay + jitter]: a packet cannot leave before it arrived.
    fail(fields('jitter'), `jitter ${jitter.value} ms is larger than the delay ${delay.value} ms; keep jitter <= delay`);
  }
  return {
    ...(delay && { delayMs: delay.value }),
    ...(jitter && { jitterMs: jitter.value }),
    ...(loss && { lossPercent: loss.value }),
    ...(rate && { rateKbit: rate.value }),
  };
}

/** `mechanism: auto | netem | wire`; left out when absent (auto). */
export function readMechanism(fields: Fields): { mechanism?: LinkMechanism } {
  const mechanism = readChoice(fields('mechanism'), LINK_MECHANISMS)?.value;
  return mechanism === undefined ? {} : { mechanism };
}

const UPSTREAM_KEYS = ['transit', ...LINK_KEYS];

/** `t-asia` or `{ transit: t-asia, delay: 5ms, ... }`. */
export function readUpstream(slot: Slot): UpstreamDraft | undefined {
  if (slot.node === undefined) return undefined;
  if (isScalar(slot.node) && typeof slot.node.value === 'string') {
    const transit = readName(slot);
    return transit && { transit, impairment: {} };
  }
  if (!isMap(slot.node)) {
    return fail(slot, `expected a transit name or a map (keys: ${UPSTREAM_KEYS.join(', ')}), got ${describe(slot.node)}`);
  }
  const fields = readMap(slot, { required: ['transit'], optional: LINK_KEYS }, 'an upstream');
  const transit = readName(fields('transit'));
  const impairment = readImpairment(fields);
  return transit && { transit, impairment, ...readMechanism(fields) };
}
