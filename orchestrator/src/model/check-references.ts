/** Every name a node refers to (an upstream transit, a parent PoP, a botnet's client network) exists and is of the right kind. */
import type { SourceIssue } from '../errors.ts';
import type { TopologyDraft } from './draft.ts';
import { nodeNames, withArticle } from './nodes.ts';
import type { NodeKind, NodeName } from './nodes.ts';
import type { Located } from '../input/source.ts';
import { issueAt } from '../input/source.ts';
import { closest } from '../input/suggest.ts';

function checkReference(ref: Located<string>, kind: NodeKind, names: readonly NodeName[]): SourceIssue[] {
  if (names.some((n) => n.kind === kind && n.name.value === ref.value)) return [];
  const known = names.filter((n) => n.kind === kind).map((n) => n.name.value);
  const knownList = (label: string): string => (known.length > 0 ? `${label}: ${known.join(', ')}` : `no ${kind}s are defined`);
  const other = names.find((n) => n.name.value === ref.value);
  if (other) {
    return [issueAt(ref.where, `"${ref.value}" is ${withArticle(other.kind)}, not ${withArticle(kind)} (${knownList(`known ${kind}s`)})`)];
  }
  const suggestion = closest(ref.value, known);
  const hint = suggestion === undefined ? '' : `did you mean "${suggestion}"? `;
  return [issueAt(ref.where, `unknown ${kind} "${ref.value}" (${hint}${knownList('known')})`)];
}

function references(draft: TopologyDraft): { ref: Located<string>; kind: NodeKind }[] {
  const transit = (ref: Located<string>) => ({ ref, kind: 'transit' as const });
  const upstreams = [
    ...draft.pops.flatMap((pop) => pop.upstreams),
    ...draft.clients.flatMap((client) => (client.upstream ? [client.upstream] : [])),
    ...(draft.origin?.upstream ? [draft.origin.upstream] : []),
  ];
  return [
    ...draft.links.flatMap((link) => link.between.map(transit)),
    ...upstreams.map((upstream) => transit(upstream.transit)),
    ...draft.pops.flatMap((pop) => (pop.parent ? [{ ref: pop.parent, kind: 'PoP' as const }] : [])),
    ...draft.botnets.flatMap((botnet) => (botnet.client ? [{ ref: botnet.client, kind: 'client network' as const }] : [])),
  ];
}

export function checkReferences(draft: TopologyDraft): SourceIssue[] {
  const names = nodeNames(draft);
  return references(draft).flatMap(({ ref, kind }) => checkReference(ref, kind, names));
}
