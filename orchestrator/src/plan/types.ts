import type { Impairment, LinkMechanism, Topology } from '../model/types.ts';

export type NodeRole = 'transit' | 'pop-router' | 'edge' | 'access-router' | 'probe' | 'bot' | 'origin';

export const ROUTER_ROLES: ReadonlySet<NodeRole> = new Set(['transit', 'pop-router', 'edge', 'access-router']);

export type NetworkKind = 'mgmt' | 'link' | 'lan';

export interface PlannedNetwork {
  /** Key inside the lab: `mgmt`, a link name (`t-asia--tokyo`) or `lan-<owner>`. */
  readonly key: string;
  readonly kind: NetworkKind;
  readonly subnet: string;
  /** The bridge's own address (the host side); no lab route ever uses it. */
  readonly gateway: string;
  /** Impairments asked for on this link (links only). */
  readonly impairment: Impairment;
  /** What carries the impairments (links only; left out: auto). See link-carrier.ts. */
  readonly mechanism?: LinkMechanism;
  /** The router that announces this prefix in BGP (LANs, and the link to the origin). */
  readonly originatedBy?: string;
}

export interface PlannedInterface {
  readonly network: string;
  readonly address: string;
  readonly prefixLength: number;
}

export interface PlannedNode {
  readonly name: string;
  readonly role: NodeRole;
  readonly mgmtAddress: string;
  /** Data-plane interfaces (management excluded). */
  readonly interfaces: readonly PlannedInterface[];
  /** BGP speakers only. */
  readonly asn?: number;
  readonly routerId?: string;
  /** Hosts only: their next hop for everything (the router on their LAN or link). */
  readonly defaultVia?: string;
  /** Addresses on `lo` (edge servers: the anycast service address /32). */
  readonly loopbacks: readonly string[];
  /** Extra source addresses on the data interface (bots). */
  readonly extraAddresses: readonly string[];
  /** The PoP, client network or botnet this node belongs to, where it belongs to one. */
  readonly group?: string;
  /** Edge servers: short server name inside the PoP (`edge-1`). */
  readonly server?: string;
}

export interface BgpEndpoint {
  readonly node: string;
  readonly address: string;
  readonly asn: number;
}

export interface BgpSession {
  readonly network: string;
  readonly a: BgpEndpoint;
  readonly b: BgpEndpoint;
}

/** Everything later steps need, computed once from the topology. */
export interface AddressPlan {
  readonly topology: Topology;
  readonly lab: string;
  readonly networks: readonly PlannedNetwork[];
  readonly nodes: readonly PlannedNode[];
  readonly sessions: readonly BgpSession[];
  readonly anycast: string;
  readonly service: string;
  /** Origin service URL, reachable from edge servers. */
  readonly originUrl: string;
}
