import type { FrrBgpPeer } from '../../../contracts/frr-bgp-summary.ts';

/**
 * A router's BGP sessions in Prometheus' text format (version 0.0.4). Pure: the exporter gives it
 * what vtysh said (or that it said nothing usable) and serves the text.
 */

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type BgpReading = { readonly ok: true; readonly peers: readonly FrrBgpPeer[] } | { readonly ok: false };

/** Label values may hold anything: `\`, `"` and newlines are escaped as the format says. */
function labelValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

function labels(pairs: Readonly<Record<string, string>>): string {
  const parts = Object.entries(pairs).map(([k, v]) => `${k}="${labelValue(v)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

interface Family {
  readonly name: string;
  readonly help: string;
  readonly samples: readonly { readonly labels: Readonly<Record<string, string>>; readonly value: number }[];
}

function family(f: Family): string {
  return [`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} gauge`, ...f.samples.map((s) => `${f.name}${labels(s.labels)} ${s.value}`)].join('\n');
}

function peerLabels(p: FrrBgpPeer): Record<string, string> {
  return { peer: p.peer, peer_name: p.name, remote_as: p.remoteAs === undefined ? '' : String(p.remoteAs) };
}

export function renderBgpMetrics(reading: BgpReading, scrapeSeconds: number): string {
  const peers = reading.ok ? reading.peers : [];
  const families: Family[] = [
    { name: 'frr_up', help: 'Whether vtysh answered `show bgp summary json` with JSON.', samples: [{ labels: {}, value: reading.ok ? 1 : 0 }] },
    { name: 'frr_scrape_duration_seconds', help: 'How long vtysh took.', samples: [{ labels: {}, value: Number(scrapeSeconds.toFixed(4)) }] },
    {
      name: 'frr_bgp_peer_established',
      help: 'Whether the BGP session is Established (1) or not (0).',
      samples: peers.map((p) => ({ labels: peerLabels(p), value: p.state === 'Established' ? 1 : 0 })),
    },
    {
      name: 'frr_bgp_peer_state',
      help: "The session's FSM state, as the state label (always 1).",
      samples: peers.map((p) => ({ labels: { ...peerLabels(p), state: p.state }, value: 1 })),
    },
    {
      name: 'frr_bgp_peer_prefixes_received',
      help: 'Prefixes accepted from the peer (pfxRcd).',
      samples: peers.map((p) => ({ labels: peerLabels(p), value: p.prefixesReceived })),
    },
    {
      name: 'frr_bgp_peer_prefixes_sent',
      help: 'Prefixes announced to the peer (pfxSnt).',
      samples: peers.map((p) => ({ labels: peerLabels(p), value: p.prefixesSent })),
    },
    {
      name: 'frr_bgp_peer_uptime_seconds',
      help: 'Time in the current state (peerUptimeMsec / 1000).',
      samples: peers.map((p) => ({ labels: peerLabels(p), value: p.uptimeMs / 1000 })),
    },
  ];
  return `${families.map(family).join('\n')}\n`;
}
