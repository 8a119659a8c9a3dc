/**
 * Every transit and client network has an AS of its own. PoPs may share the edge network's AS
 * (that is anycast) but never a transit's, a client network's or the edge servers'.
 */
import type { SourceIssue } from '../errors.ts';
import type { TopologyDraft } from './draft.ts';
import { findRepeats } from './repeats.ts';
import { formatPlace, issueAt } from '../input/source.ts';
import type { Located } from '../input/source.ts';

interface AsnOwner {
  readonly label: string;
  readonly asn: Located<number>;
}

function owners(draft: TopologyDraft): AsnOwner[] {
  const owned = (label: string, items: readonly { name: Located<string>; asn: Located<number> | undefined }[]): AsnOwner[] =>
    items.flatMap((item) => (item.asn ? [{ label: `${label} ${item.name.value}`, asn: item.asn }] : []));
  return [...owned('transit', draft.transits), ...owned('client network', draft.clients)];
}

function edgeAsnRole(draft: TopologyDraft, asn: number): string | undefined {
  if (asn === draft.edge.asn?.value) return "edge.asn, the edge network's AS";
  if (asn === draft.edge.serverAsn?.value) return "edge.server-asn, the edge servers' AS";
  return undefined;
}

export function checkAsns(draft: TopologyDraft): SourceIssue[] {
  const { asn: edgeAsn, serverAsn } = draft.edge;
  const issues: SourceIssue[] = [];
  if (edgeAsn && serverAsn && edgeAsn.value === serverAsn.value) {
    issues.push(issueAt(serverAsn.where, `server-asn ${serverAsn.value} equals edge.asn; edge servers need an AS of their own to peer with their PoP router over eBGP`));
  }
  const all = owners(draft);
  for (const { label, asn } of all) {
    const role = edgeAsnRole(draft, asn.value);
    if (role) issues.push(issueAt(asn.where, `ASN ${asn.value} is ${role}; ${label} needs an AS of its own`));
  }
  for (const { first, repeat } of findRepeats(all, (owner) => String(owner.asn.value))) {
    issues.push(
      issueAt(repeat.asn.where, `ASN ${repeat.asn.value} is already used by ${first.label} (${formatPlace(first.asn.where)}); every transit and client network needs an AS of its own`),
    );
  }
  for (const pop of draft.pops) {
    const owner = all.find((o) => o.asn.value === pop.asn?.value);
    if (pop.asn && owner) {
      issues.push(issueAt(pop.asn.where, `ASN ${pop.asn.value} belongs to ${owner.label}; a PoP announces from edge.asn or an AS of its own`));
    } else if (pop.asn && pop.asn.value === serverAsn?.value) {
      issues.push(issueAt(pop.asn.where, `ASN ${pop.asn.value} is edge.server-asn; a PoP router needs a different AS to peer with its servers over eBGP`));
    }
  }
  return issues;
}
