/** The one namespace every node name lives in: transits, PoPs, client networks, origin, botnets. */
import type { TopologyDraft } from './draft.ts';
import type { Located } from '../input/source.ts';

export type NodeKind = 'transit' | 'PoP' | 'client network' | 'origin' | 'botnet';

export interface NodeName {
  readonly kind: NodeKind;
  readonly name: Located<string>;
}

/** `a transit`, `the origin`: how a message names a kind of node. */
export function withArticle(kind: NodeKind): string {
  return kind === 'origin' ? 'the origin' : `a ${kind}`;
}

/** Every named node, in the order the file declares them. */
export function nodeNames(draft: TopologyDraft): NodeName[] {
  const of = (kind: NodeKind, items: readonly { readonly name: Located<string> }[]): NodeName[] =>
    items.map((item) => ({ kind, name: item.name }));
  return [
    ...of('transit', draft.transits),
    ...of('PoP', draft.pops),
    ...of('client network', draft.clients),
    ...of('origin', draft.origin ? [draft.origin] : []),
    ...of('botnet', draft.botnets),
  ].sort((x, y) => x.name.where.line - y.name.where.line || x.name.where.column - y.name.where.column);
}
