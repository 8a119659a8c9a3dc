/** Response headers as Node gives them, lower-cased names. */
export type HeaderMap = Readonly<Record<string, string | string[] | undefined>>;

export type StoragePolicy =
  | { readonly store: true; readonly ttlMs: number }
  | {
      readonly store: false;
      readonly reason: string;
      /** Whether concurrent requests for the same key may still be given this one response. */
      readonly shareable: boolean;
    };

/** Splits a Cache-Control header into directives: names lower-cased, values unquoted. */
export function parseCacheControl(header: string | undefined): Map<string, string> {
  const directives = new Map<string, string>();
  if (!header) return directives;
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (name === '') continue;
    const value = eq < 0 ? '' : part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    directives.set(name, value);
  }
  return directives;
}

/**
 * What a shared cache may do with an upstream response (RFC 9111, simplified): store 200s that
 * carry an explicit lifetime (s-maxage over max-age) unless they are private, no-store, no-cache,
 * set a cookie or vary.
 */
export function storagePolicy(status: number, headers: HeaderMap): StoragePolicy {
  const directives = parseCacheControl(single(headers['cache-control']));
  if (directives.has('private')) return { store: false, reason: 'private', shareable: false };
  if (headers['set-cookie'] !== undefined) return { store: false, reason: 'set-cookie', shareable: false };
  if (status !== 200) return { store: false, reason: `status ${status}`, shareable: true };
  for (const name of ['no-store', 'no-cache']) {
    if (directives.has(name)) return { store: false, reason: name, shareable: true };
  }
  if (headers['vary'] !== undefined) return { store: false, reason: 'vary', shareable: true };
  const lifetime = directives.get('s-maxage') ?? directives.get('max-age');
  const seconds = lifetime === undefined ? NaN : Number(lifetime);
  if (!Number.isInteger(seconds)) return { store: false, reason: 'no max-age', shareable: true };
  if (seconds <= 0) return { store: false, reason: 'max-age=0', shareable: true };
  return { store: true, ttlMs: seconds * 1000 };
}

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.join(',');
}
