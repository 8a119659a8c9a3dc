/** A link joins two different nodes, and no two links join the same pair. */
import type { SourceIssue } from '../errors.ts';
import type { TopologyDraft } from './draft.ts';
import { findRepeats } from './repeats.ts';
import { formatPlace, issueAt } from '../input/source.ts';

export function checkLinks(draft: TopologyDraft): SourceIssue[] {
  const selfLinks = draft.links
    .filter(({ between: [a, b] }) => a.value === b.value)
    .map(({ between: [, b] }) => issueAt(b.where, `a link from "${b.value}" to itself; a link joins two different transits`));
  const transitLinks = draft.links.filter(({ between: [a, b] }) => a.value !== b.value);
  const duplicateLinks = findRepeats(transitLinks, (link) => link.between.map((end) => end.value).sort().join(' ')).map(
    ({ first, repeat }) => {
      const [a, b] = repeat.between;
      return issueAt(a.where, `duplicate link between ${a.value} and ${b.value} (already at ${formatPlace(first.between[0].where)})`);
    },
  );
  const duplicateUpstreams = draft.pops.flatMap((pop) =>
    findRepeats(pop.upstreams, (upstream) => upstream.transit.value).map(({ first, repeat }) =>
      issueAt(repeat.transit.where, `duplicate upstream "${repeat.transit.value}" of PoP ${pop.name.value} (already at ${formatPlace(first.transit.where)})`),
    ),
  );
  return [...selfLinks, ...duplicateLinks, ...duplicateUpstreams];
}
