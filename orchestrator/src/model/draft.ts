/**
 * What the readers make of a topology file before the cross-checks: the model's fields, with the
 * place of each value that a check may point at. A value that could not be read is undefined
 * (its issue is already recorded); an item without a readable name is left out.
 */
import type { Cidr } from '../net/ipv4.ts';
import type { Located, Where } from '../input/source.ts';
import type { BgpSettings, Impairment, LinkMechanism } from './types.ts';

export interface AddressingDraft {
  readonly pool: Located<Cidr> | undefined;
  readonly anycast: Located<Cidr> | undefined;
  /** The service address as a number. */
  readonly service: Located<number> | undefined;
}

export interface EdgeDraft {
  readonly asn: Located<number> | undefined;
  readonly serverAsn: Located<number> | undefined;
}

export interface UpstreamDraft {
  readonly transit: Located<string>;
  readonly impairment: Impairment;
  readonly mechanism?: LinkMechanism;
}

export interface TransitDraft {
  readonly name: Located<string>;
  readonly asn: Located<number> | undefined;
  readonly region: string | undefined;
}

export interface LinkDraft {
  readonly between: readonly [Located<string>, Located<string>];
  readonly impairment: Impairment;
  readonly mechanism?: LinkMechanism;
}

export interface PopDraft {
  readonly name: Located<string>;
  /** Undefined when the PoP uses the edge network's ASN. */
  readonly asn: Located<number> | undefined;
  readonly upstreams: readonly UpstreamDraft[];
  readonly servers: number;
  readonly parent: Located<string> | undefined;
  readonly region: string | undefined;
}

export interface ClientDraft {
  readonly name: Located<string>;
  readonly asn: Located<number> | undefined;
  readonly upstream: UpstreamDraft | undefined;
  readonly probes: number;
  readonly region: string | undefined;
}

export interface OriginDraft {
  readonly name: Located<string>;
  readonly upstream: UpstreamDraft | undefined;
}

export interface BotnetDraft {
  readonly name: Located<string>;
  readonly client: Located<string> | undefined;
  readonly bots: number;
  /** Located at `sources`, where a check on the bot addresses points. */
  readonly sources: Located<number> | undefined;
}

export interface TopologyDraft {
  /** The whole document, for issues about the lab as a whole. */
  readonly where: Where;
  readonly lab: string | undefined;
  readonly addressing: AddressingDraft;
  readonly bgp: BgpSettings | undefined;
  readonly edge: EdgeDraft;
  readonly transits: readonly TransitDraft[];
  readonly links: readonly LinkDraft[];
  readonly pops: readonly PopDraft[];
  readonly clients: readonly ClientDraft[];
  readonly origin: OriginDraft | undefined;
  readonly botnets: readonly BotnetDraft[];
}
