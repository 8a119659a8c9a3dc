/**
 * The intent model: what a topology file says, validated and with defaults filled in.
 * Addresses are not here; they come from the addressing plan (plan/), computed from this.
 */

/** A link's impairments, as the topology asks for them. Applied by the runtime (netem or fallbacks). */
export interface Impairment {
  readonly delayMs?: number;
  readonly jitterMs?: number;
  /** Random loss, 0..100. */
  readonly lossPercent?: number;
  /** Rate limit in kbit/s. */
  readonly rateKbit?: number;
}

export interface BfdSettings {
  readonly enabled: boolean;
  /** Transmit and receive interval, ms. */
  readonly intervalMs: number;
  readonly multiplier: number;
}

export interface BgpSettings {
  /** Named profile the timers came from: datacenter (3/9), traditional (60/180) or custom. */
  readonly profile: 'datacenter' | 'traditional' | 'custom';
  readonly keepaliveS: number;
  readonly holdS: number;
  readonly bfd: BfdSettings;
}

export interface AddressingIntent {
  /** Pool that links, LANs and the management network are carved from. */
  readonly pool: string;
  /** The anycast service prefix every PoP announces. */
  readonly anycast: string;
  /** The service address inside `anycast` that edge servers answer on. */
  readonly service: string;
}

export interface Transit {
  readonly name: string;
  readonly asn: number;
  /** Free text shown by status and the dashboard, e.g. "Asia". */
  readonly region?: string;
}

/**
 * What carries a link's delay and jitter (docs/wire.md): `netem` (the kernel's qdisc), `wire` (a
 * userspace relay between TUN devices, for kernels without netem), or `auto` (the default): netem
 * where the kernel has it, else the wire, decided in each container at its start; only links that
 * ask for delay or jitter are put on a wire by `auto`.
 */
export const LINK_MECHANISMS = ['auto', 'netem', 'wire'] as const;
export type LinkMechanism = (typeof LINK_MECHANISMS)[number];

/** An upstream attachment (PoP, client network or origin to a transit) or a transit-transit link. */
export interface LinkIntent {
  /** Stable link name, `a--b` with the two node names. */
  readonly name: string;
  readonly a: string;
  readonly b: string;
  readonly impairment: Impairment;
  /** Left out: `auto`. */
  readonly mechanism?: LinkMechanism;
}

export interface Pop {
  readonly name: string;
  /** The ASN this PoP's router announces the anycast prefix from (the edge network's, by default). */
  readonly asn: number;
  readonly upstreams: readonly string[];
  /** Number of edge servers behind the PoP router. */
  readonly servers: number;
  /** Parent PoP for tiered caching (edge service), if any. */
  readonly parent?: string;
  readonly region?: string;
}

export interface ClientNetwork {
  readonly name: string;
  readonly asn: number;
  readonly upstream: string;
  /** Probe containers on the client LAN. */
  readonly probes: number;
  readonly region?: string;
}

export interface Origin {
  readonly name: string;
  readonly upstream: string;
}

/** Bots live in an eyeball network (behind its access router) but on a LAN of their own. */
export interface Botnet {
  readonly name: string;
  /** The client network whose access router carries the bot LAN. */
  readonly client: string;
  readonly bots: number;
  /** Source addresses per bot (added to its interface). */
  readonly sources: number;
}

export interface Topology {
  /** Absolute path of the file this came from. */
  readonly file: string;
  /** Lab name: prefix of every container and network, value of the `anycast-lab.lab` label. */
  readonly lab: string;
  readonly addressing: AddressingIntent;
  readonly bgp: BgpSettings;
  /** ASN of the edge servers (all PoPs' servers share it; it never leaves a PoP). */
  readonly serverAsn: number;
  readonly transits: readonly Transit[];
  readonly pops: readonly Pop[];
  readonly clients: readonly ClientNetwork[];
  readonly origin: Origin;
  readonly botnets: readonly Botnet[];
  /** Every link: transit-transit, then PoP, client and origin upstreams, in file order. */
  readonly links: readonly LinkIntent[];
}

export const TIMER_PROFILES = {
  datacenter: { keepaliveS: 3, holdS: 9 },
  traditional: { keepaliveS: 60, holdS: 180 },
} as const;

export function linkName(a: string, b: string): string {
  return `${a}--${b}`;
}
