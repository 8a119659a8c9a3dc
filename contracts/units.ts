/**
 * Quantities written in topology and scenario files, on the command line and in agent requests:
 * durations (`100ms`, `1.5s`, `2m`), percentages (`20%`), bit rates (`10mbit`, `500kbit`, `1gbit`)
 * and request rates (`50/s`). Each parser returns undefined for text that is not one, and for
 * numbers too large to be finite (a 400-digit duration is not Infinity ms), so that callers can
 * report where. Pure, no imports: every process may use it.
 */

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/;
const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;
const BITRATE = /^(\d+(?:\.\d+)?)\s*(kbit|mbit|gbit)$/i;
const REQUEST_RATE = /^(\d+(?:\.\d+)?)\s*\/\s*s$/;

const finite = (n: number): number | undefined => (Number.isFinite(n) ? n : undefined);

export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  const scale = { ms: 1, s: 1000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
  return finite(Number(match[1]) * scale);
}

/** `20%`, or a bare number from 0 to 100. */
export function parsePercent(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(PERCENT.exec(value.trim())?.[1] ?? NaN) : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
}

export function parseBitrateKbit(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = BITRATE.exec(value.trim());
  if (!match) return undefined;
  const scale = { kbit: 1, mbit: 1000, gbit: 1_000_000 }[match[2]!.toLowerCase() as 'kbit' | 'mbit' | 'gbit'];
  return finite(Number(match[1]) * scale);
}

/** Requests per second: `50/s`, or a bare positive number. */
export function parseRequestRate(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = REQUEST_RATE.exec(value.trim());
  const n = match ? Number(match[1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2)} s` : `${Math.round(ms)} ms`;
}

/** A duration as it is written: `2s`, `1.5s`, `250ms`, `10m`. */
export function writeDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** A bit rate as it is written: `500kbit`, `10mbit`, `1gbit`. */
export function writeBitrate(kbit: number): string {
  if (kbit >= 1_000_000 && kbit % 1_000_000 === 0) return `${kbit / 1_000_000}gbit`;
  return kbit >= 1000 && kbit % 1000 === 0 ? `${kbit / 1000}mbit` : `${kbit}kbit`;
}
