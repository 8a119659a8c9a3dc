/**
 * Quantities written in topology and scenario files: durations (`100ms`, `1.5s`, `2m`),
 * percentages (`20%`), rates (`10mbit`, `500kbit`, `1gbit`) and request rates (`50/s`).
 * Each parser returns undefined for text that is not one, so that callers can report where.
 */

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/;
const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;
const BITRATE = /^(\d+(?:\.\d+)?)\s*(kbit|mbit|gbit)$/i;
const REQUEST_RATE = /^(\d+(?:\.\d+)?)\s*\/\s*s$/;

export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  const scale = { ms: 1, s: 1000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
  return Number(match[1]) * scale;
}

export function parsePercent(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(PERCENT.exec(value.trim())?.[1] ?? NaN) : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
}

export function parseBitrateKbit(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = BITRATE.exec(value.trim());
  if (!match) return undefined;
  const scale = { kbit: 1, mbit: 1000, gbit: 1_000_000 }[match[2]!.toLowerCase() as 'kbit' | 'mbit' | 'gbit'];
  return Number(match[1]) * scale;
}

export function parseRequestRate(value: unknown): number | undefined {
  if (typeof value === 'number') return value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = REQUEST_RATE.exec(value.trim());
  const n = match ? Number(match[1]) : NaN;
  return n > 0 ? n : undefined;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2)} s` : `${Math.round(ms)} ms`;
}
