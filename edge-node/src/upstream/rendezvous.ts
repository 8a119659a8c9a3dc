/**
 * Orders candidates by highest-random-weight (rendezvous) hashing of the key: a key always goes
 * to the same parent first, so parents do not all cache the same objects, and losing one parent
 * moves only its keys.
 */
export function rankByRendezvous<T>(key: string, candidates: readonly T[], idOf: (candidate: T) => string): T[] {
  return candidates
    .map((candidate) => ({ candidate, weight: fnv1a(`${idOf(candidate)}|${key}`) }))
    .sort((a, b) => b.weight - a.weight)
    .map((c) => c.candidate);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
