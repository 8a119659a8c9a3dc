/** Readers for the nodes of the lab and the links between transits, one list item each. */
import { isSeq } from 'yaml';
import type { BotnetDraft, ClientDraft, LinkDraft, OriginDraft, PopDraft, TransitDraft } from './draft.ts';
import { readList, readMap } from '../input/read-structure.ts';
import { readCount, readString, withDefault } from '../input/read-scalars.ts';
import { readAsn, readName } from './read-topology-values.ts';
import { fail } from '../input/source.ts';
import type { Slot } from '../input/source.ts';
import { LINK_KEYS, readImpairment, readMechanism, readUpstream } from './read-upstream.ts';

const DEFAULT_SERVERS = 2;
const DEFAULT_PROBES = 1;
const DEFAULT_BOTS = 1;
const DEFAULT_SOURCES = 16;
const DEFAULT_ORIGIN_NAME = 'origin';

export function readTransit(slot: Slot): TransitDraft | undefined {
  const fields = readMap(slot, { required: ['name', 'asn'], optional: ['region'] }, 'a transit');
  const name = readName(fields('name'));
  const asn = readAsn(fields('asn'));
  const region = readString(fields('region'));
  return name && { name, asn, region: region?.value };
}

export function readLink(slot: Slot): LinkDraft | undefined {
  const fields = readMap(slot, { required: ['between'], optional: LINK_KEYS }, 'a link');
  const between = fields('between');
  const ends = readList(between, { one: 'transit name' }).map(readName);
  const impairment = readImpairment(fields);
  const [a, b] = ends;
  if (isSeq(between.node) && ends.length !== 2) {
    return fail(between, `expected the two transits the link joins, like [t-asia, t-europe], got ${ends.length} name${ends.length === 1 ? '' : 's'}`);
  }
  return a && b && { between: [a, b], impairment, ...readMechanism(fields) };
}

export function readPop(slot: Slot): PopDraft | undefined {
  const fields = readMap(slot, { required: ['name', 'upstreams'], optional: ['region', 'asn', 'servers', 'parent'] }, 'a PoP');
  const name = readName(fields('name'));
  const asn = readAsn(fields('asn'));
  const upstreams = readList(fields('upstreams'), { one: 'upstream', nonEmpty: true }).map(readUpstream);
  const servers = readCount(fields('servers'), 1, 8);
  const parent = readName(fields('parent'));
  const region = readString(fields('region'));
  return (
    name && {
      name,
      asn,
      upstreams: upstreams.filter((x) => x !== undefined),
      servers: servers?.value ?? DEFAULT_SERVERS,
      parent,
      region: region?.value,
    }
  );
}

export function readClient(slot: Slot): ClientDraft | undefined {
  const fields = readMap(slot, { required: ['name', 'asn', 'upstream'], optional: ['region', 'probes'] }, 'a client network');
  const name = readName(fields('name'));
  const asn = readAsn(fields('asn'));
  const upstream = readUpstream(fields('upstream'));
  const probes = readCount(fields('probes'), 1, 8);
  const region = readString(fields('region'));
  return name && { name, asn, upstream, probes: probes?.value ?? DEFAULT_PROBES, region: region?.value };
}

export function readOrigin(slot: Slot): OriginDraft | undefined {
  if (slot.node === undefined) return undefined;
  const fields = readMap(slot, { required: ['upstream'], optional: ['name'] }, 'origin');
  const name = withDefault(fields('name'), readName, DEFAULT_ORIGIN_NAME);
  const upstream = readUpstream(fields('upstream'));
  return name && { name, upstream };
}

export function readBotnet(slot: Slot): BotnetDraft | undefined {
  const fields = readMap(slot, { required: ['name', 'client'], optional: ['bots', 'sources'] }, 'a botnet');
  const name = readName(fields('name'));
  const client = readName(fields('client'));
  const bots = readCount(fields('bots'), 1, 8);
  const sources = withDefault(fields('sources'), (s) => readCount(s, 1, 200), DEFAULT_SOURCES);
  return name && { name, client, bots: bots?.value ?? DEFAULT_BOTS, sources };
}
