/** Parent PoPs (tiered caching) form a tree: no PoP is its own parent or ancestor. */
import type { SourceIssue } from '../errors.ts';
import type { TopologyDraft } from './draft.ts';
import { issueAt } from '../input/source.ts';

export function checkParents(draft: TopologyDraft): SourceIssue[] {
  const parentOf = new Map(draft.pops.flatMap((pop) => (pop.parent ? [[pop.name.value, pop.parent.value] as const] : [])));
  const order = new Map(draft.pops.map((pop, index) => [pop.name.value, index]));
  return draft.pops.flatMap((pop, index) => {
    if (!pop.parent) return [];
    if (pop.parent.value === pop.name.value) return [issueAt(pop.parent.where, 'a PoP cannot be its own parent')];
    const chain = [pop.name.value];
    let next = parentOf.get(pop.name.value);
    while (next !== undefined && !chain.includes(next)) {
      chain.push(next);
      next = parentOf.get(next);
    }
    // A loop is reported once, at the member the file lists first.
    const loopStartsHere = next === pop.name.value && chain.every((name) => (order.get(name) ?? index) >= index);
    if (!loopStartsHere) return [];
    return [issueAt(pop.parent.where, `parents form a loop: ${[...chain, pop.name.value].join(' -> ')}; tiered caching needs a tree`)];
  });
}
