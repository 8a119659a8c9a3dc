/** Turns a draft that passed every check into the intent model. */
import { formatCidr, intToIp } from '../net/ipv4.ts';
import type { TopologyDraft, UpstreamDraft } from './draft.ts';
import { linkName } from './types.ts';
import type { LinkIntent, LinkMechanism, Topology } from './types.ts';

const withRegion = (region: string | undefined): { region?: string } => (region === undefined ? {} : { region });

const withMechanism = ({ mechanism }: { readonly mechanism?: LinkMechanism }): { mechanism?: LinkMechanism } => (mechanism === undefined ? {} : { mechanism });

const upstreamLink = (upstream: UpstreamDraft, node: string): LinkIntent => {
  const transit = upstream.transit.value;
  return { name: linkName(transit, node), a: transit, b: node, impairment: upstream.impairment, ...withMechanism(upstream) };
};

/**
 * Only for a draft whose reading and checks reported no issue: then every value the model
 * requires was read, which is what the non-null assertions below rely on.
 */
export function buildTopology(draft: TopologyDraft, file: string): Topology {
  const edgeAsn = draft.edge.asn!.value;
  const origin = draft.origin!;
  const { pool, anycast, service } = draft.addressing;
  return {
    file,
    lab: draft.lab!,
    addressing: { pool: formatCidr(pool!.value), anycast: formatCidr(anycast!.value), service: intToIp(service!.value) },
    bgp: draft.bgp!,
    serverAsn: draft.edge.serverAsn!.value,
    transits: draft.transits.map((t) => ({ name: t.name.value, asn: t.asn!.value, ...withRegion(t.region) })),
    pops: draft.pops.map((p) => ({
      name: p.name.value,
      asn: p.asn?.value ?? edgeAsn,
      upstreams: p.upstreams.map((u) => u.transit.value),
      servers: p.servers,
      ...(p.parent && { parent: p.parent.value }),
      ...withRegion(p.region),
    })),
    clients: draft.clients.map((c) => ({
      name: c.name.value,
      asn: c.asn!.value,
      upstream: c.upstream!.transit.value,
      probes: c.probes,
      ...withRegion(c.region),
    })),
    origin: { name: origin.name.value, upstream: origin.upstream!.transit.value },
    botnets: draft.botnets.map((b) => ({ name: b.name.value, client: b.client!.value, bots: b.bots, sources: b.sources!.value })),
    links: [
      ...draft.links.map((link) => {
        const [a, b] = link.between;
        return { name: linkName(a.value, b.value), a: a.value, b: b.value, impairment: link.impairment, ...withMechanism(link) };
      }),
      ...draft.pops.flatMap((p) => p.upstreams.map((u) => upstreamLink(u, p.name.value))),
      ...draft.clients.map((c) => upstreamLink(c.upstream!, c.name.value)),
      upstreamLink(origin.upstream!, origin.name.value),
    ],
  };
}
