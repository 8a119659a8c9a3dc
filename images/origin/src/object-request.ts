export const MAX_OBJECT_BYTES = 8 * 1024 * 1024;
export const MAX_DELAY_MS = 10_000;

/** What `GET /obj/<bytes>?cc=...&ct=...&delay=...` asks the origin for. */
export interface ObjectSpec {
  readonly bytes: number;
  readonly cacheControl: string | undefined;
  readonly contentType: string;
  readonly delayMs: number;
}

export type ObjectRequest = { readonly ok: true; readonly spec: ObjectSpec } | { readonly ok: false; readonly error: string };

/** Parses an object URL (path and query); `undefined` when it is not under `/obj/`. */
export function parseObjectRequest(url: string): ObjectRequest | undefined {
  const parsed = new URL(url, 'http://origin');
  const match = /^\/obj\/([^/]+)$/.exec(parsed.pathname);
  if (!match) return undefined;
  const bytes = Number(match[1]);
  if (!Number.isInteger(bytes) || bytes < 0 || bytes > MAX_OBJECT_BYTES) {
    return { ok: false, error: `object size must be an integer from 0 to ${MAX_OBJECT_BYTES} bytes, got "${match[1]}"` };
  }
  const delayText = parsed.searchParams.get('delay') ?? '0';
  const delayMs = Number(delayText);
  if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > MAX_DELAY_MS) {
    return { ok: false, error: `delay must be an integer from 0 to ${MAX_DELAY_MS} ms, got "${delayText}"` };
  }
  const cacheControl = parsed.searchParams.get('cc') ?? undefined;
  const contentType = parsed.searchParams.get('ct') ?? 'application/octet-stream';
  for (const [name, value] of [['cc', cacheControl], ['ct', contentType]] as const) {
    if (value !== undefined && !isHeaderValue(value)) {
      return { ok: false, error: `${name} becomes a response header: it may hold printable ASCII only (no CR, LF or other control characters), at most ${MAX_HEADER_VALUE_CHARS} characters` };
    }
  }
  return { ok: true, spec: { bytes, cacheControl, contentType, delayMs } };
}

export const MAX_HEADER_VALUE_CHARS = 1024;

/** What may be copied into a response header: visible ASCII, spaces and tabs (RFC 9110 field-value, minus obs-text). */
export function isHeaderValue(value: string): boolean {
  return value.length <= MAX_HEADER_VALUE_CHARS && /^[\t\x20-\x7e]*$/.test(value);
}
