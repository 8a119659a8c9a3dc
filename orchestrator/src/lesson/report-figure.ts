/**
 * One figure out of a chaos run's JSON report, by a dotted path: `attacks.flood.spread.jain`,
 * `clients.users-west.convergence_ms`, `attacks.flood.pops.west.share`. A segment picks an object's
 * field, or in a list the element whose `name`, `id` or `scenario` is that segment (or its index).
 * Pure: the caller reads the file.
 */
export type FigureLookup = { readonly found: true; readonly value: unknown } | { readonly found: false; readonly missing: string };

const KEYS = ['name', 'id', 'scenario'] as const;

function pick(list: readonly unknown[], segment: string): unknown {
  const byKey = list.find((item) => typeof item === 'object' && item !== null && KEYS.some((k) => (item as Record<string, unknown>)[k] === segment));
  if (byKey !== undefined) return byKey;
  return /^\d+$/.test(segment) ? list[Number(segment)] : undefined;
}

export function readFigure(report: unknown, path: string): FigureLookup {
  let at: unknown = report;
  const done: string[] = [];
  for (const segment of path.split('.')) {
    if (Array.isArray(at)) at = pick(at, segment);
    else if (typeof at === 'object' && at !== null && Object.hasOwn(at, segment)) at = (at as Record<string, unknown>)[segment];
    else at = undefined;
    if (at === undefined) return { found: false, missing: done.length === 0 ? `no \`${segment}\` in the report` : `no \`${segment}\` under \`${done.join('.')}\`` };
    done.push(segment);
  }
  return { found: true, value: at };
}
