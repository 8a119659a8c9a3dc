/**
 * FRR's `show bgp summary json` (FRR 8.x), as far as the lab reads it: the orchestrator (status,
 * readiness) through `docker exec`, and the routers' exporter (images/frr-exporter) locally.
 */

export interface FrrBgpPeer {
  /** The neighbor's address. */
  readonly peer: string;
  /** The neighbor's description (`neighbor ... description`), else its hostname, else its address. */
  readonly name: string;
  readonly state: string;
  readonly remoteAs: number | undefined;
  readonly prefixesReceived: number;
  readonly prefixesSent: number;
  /** Time in the current state in ms (FRR's peerUptimeMsec); 0 when FRR gives none. */
  readonly uptimeMs: number;
}

interface SummaryJson {
  ipv4Unicast?: {
    peers?: Record<string, { state?: string; desc?: string; hostname?: string; remoteAs?: number; pfxRcd?: number; pfxSnt?: number; peerUptimeMsec?: number }>;
  };
}

/** The IPv4 unicast peers of a `show bgp summary json`; a router with no IPv4 peers has none. */
export function parseFrrBgpSummary(json: string): FrrBgpPeer[] {
  const summary = JSON.parse(json) as SummaryJson;
  return Object.entries(summary.ipv4Unicast?.peers ?? {}).map(([peer, p]) => ({
    peer,
    name: p.desc ?? p.hostname ?? peer,
    state: p.state ?? 'Unknown',
    remoteAs: p.remoteAs,
    prefixesReceived: p.pfxRcd ?? 0,
    prefixesSent: p.pfxSnt ?? 0,
    uptimeMs: p.peerUptimeMsec ?? 0,
  }));
}
