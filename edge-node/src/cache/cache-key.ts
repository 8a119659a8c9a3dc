export interface CacheKeySettings {
  /** Query keys that do not change the content (`utm_*` matches by prefix). */
  readonly ignoredQueryKeys: readonly string[];
}

export type CacheKeyer = (method: string, host: string, url: string) => string;

/**
 * Builds the cache key function: method, host without port (every service port serves the same
 * content), path, and the query keys that matter, sorted so their order does not split the cache.
 * The ignore rules are compiled once; the common cases (no query, one pair) allocate no arrays.
 */
export function createCacheKeyer(settings: CacheKeySettings): CacheKeyer {
  const exact = new Set(settings.ignoredQueryKeys.filter((rule) => !rule.endsWith('*')));
  const prefixes = settings.ignoredQueryKeys.filter((rule) => rule.endsWith('*')).map((rule) => rule.slice(0, -1));
  const matters = (pair: string): boolean => {
    if (pair === '') return false;
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    return !exact.has(name) && !prefixes.some((prefix) => name.startsWith(prefix));
  };
  return (method, host, url) => {
    const base = `${method} ${stripPort(host).toLowerCase()}`;
    const q = url.indexOf('?');
    if (q < 0) return `${base}${url}`;
    const path = url.slice(0, q);
    const query = url.slice(q + 1);
    if (!query.includes('&')) return matters(query) ? `${base}${path}?${query}` : `${base}${path}`;
    const pairs = query.split('&').filter(matters).sort();
    return pairs.length === 0 ? `${base}${path}` : `${base}${path}?${pairs.join('&')}`;
  };
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}
