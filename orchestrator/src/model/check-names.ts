/** Node names are unique across all kinds of node: they name containers and links. */
import type { SourceIssue } from '../errors.ts';
import type { TopologyDraft } from './draft.ts';
import { nodeNames, withArticle } from './nodes.ts';
import { findRepeats } from './repeats.ts';
import { formatPlace, issueAt } from '../input/source.ts';

export function checkNames(draft: TopologyDraft): SourceIssue[] {
  return findRepeats(nodeNames(draft), (node) => node.name.value).map(({ first, repeat }) =>
    issueAt(
      repeat.name.where,
      `duplicate name "${repeat.name.value}": already ${withArticle(first.kind)} (${formatPlace(first.name.where)}); ` +
        'transits, PoPs, client networks, the origin and botnets share one namespace',
    ),
  );
}
