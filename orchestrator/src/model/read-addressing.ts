/** Reader for `addressing`: the pool, the anycast prefix and the service address. */
import { parseCidr } from '../net/ipv4.ts';
import type { AddressingDraft } from './draft.ts';
import type { Fields } from '../input/read-structure.ts';
import { withDefault } from '../input/read-scalars.ts';
import { readCidr, readIpv4 } from './read-topology-values.ts';
import { whereOf } from '../input/source.ts';
import type { Slot } from '../input/source.ts';

const DEFAULT_POOL = parseCidr('198.18.0.0/16')!;
const DEFAULT_ANYCAST = parseCidr('198.51.100.0/24')!;
/** The service address is the anycast network address plus this, unless given. */
const SERVICE_OFFSET = 10;

/** `poolOverride`, when given, replaces the file's pool (which is then not read at all). */
export function readAddressing(fields: Fields, poolOverride: Slot | undefined): AddressingDraft {
  const pool = withDefault(poolOverride ?? fields('pool'), readCidr, DEFAULT_POOL);
  const anycast = withDefault(fields('anycast'), readCidr, DEFAULT_ANYCAST);
  const serviceSlot = fields('service');
  const service =
    serviceSlot.node === undefined
      ? anycast && { value: anycast.value.network + SERVICE_OFFSET, where: whereOf(serviceSlot) }
      : readIpv4(serviceSlot);
  return { pool, anycast, service };
}
