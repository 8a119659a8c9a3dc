/** Reader for a whole topology document: its sections, in the shape of the draft. */
import type { TopologyDraft } from './draft.ts';
import { readAddressing } from './read-addressing.ts';
import { readBgp } from './read-bgp.ts';
import { readBotnet, readClient, readLink, readOrigin, readPop, readTransit } from './read-nodes.ts';
import { readList, readMap } from '../input/read-structure.ts';
import { withDefault } from '../input/read-scalars.ts';
import { readAsn, readLabName } from './read-topology-values.ts';
import { fail, whereOf } from '../input/source.ts';
import type { Slot } from '../input/source.ts';

const DEFAULT_SERVER_ASN = 64512;

/** Values given outside the file, replacing the file's. */
export interface OverrideSlots {
  readonly lab: Slot | undefined;
  readonly pool: Slot | undefined;
}

const SECTIONS = ['lab', 'addressing', 'bgp', 'edge', 'transits', 'links', 'pops', 'clients', 'origin', 'botnet'];
const REQUIRED = ['lab', 'edge', 'transits', 'pops', 'clients', 'origin'];

/** Reads every section; undefined when the document holds nothing to read. */
export function readTopology(root: Slot, overrides: OverrideSlots): TopologyDraft | undefined {
  if (root.node === undefined) {
    return fail(root, `the file is empty; a topology is a map with keys ${REQUIRED.join(', ')} (see topology/README.md)`);
  }
  const required = overrides.lab ? REQUIRED.filter((k) => k !== 'lab') : REQUIRED;
  const top = readMap(root, { required, optional: SECTIONS.filter((k) => !required.includes(k)) }, 'a topology');
  const edge = readMap(top('edge'), { required: ['asn'], optional: ['server-asn'] }, 'edge');
  return {
    where: whereOf(root),
    lab: readLabName(overrides.lab ?? top('lab'))?.value,
    addressing: readAddressing(readMap(top('addressing'), { required: [], optional: ['pool', 'anycast', 'service'] }, 'addressing'), overrides.pool),
    bgp: readBgp(readMap(top('bgp'), { required: [], optional: ['timers', 'bfd'] }, 'bgp')),
    edge: { asn: readAsn(edge('asn')), serverAsn: withDefault(edge('server-asn'), readAsn, DEFAULT_SERVER_ASN) },
    transits: readList(top('transits'), { one: 'transit', nonEmpty: true }).map(readTransit).filter((x) => x !== undefined),
    links: readList(top('links'), { one: 'link' }).map(readLink).filter((x) => x !== undefined),
    pops: readList(top('pops'), { one: 'PoP', nonEmpty: true }).map(readPop).filter((x) => x !== undefined),
    clients: readList(top('clients'), { one: 'client network', nonEmpty: true }).map(readClient).filter((x) => x !== undefined),
    origin: readOrigin(top('origin')),
    botnets: readList(top('botnet'), { one: 'botnet' }).map(readBotnet).filter((x) => x !== undefined),
  };
}
