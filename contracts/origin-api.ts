/**
 * The origin's own API (images/origin), beside the objects it serves: what it was asked for. The
 * orchestrator reads it to measure origin load (shielding) during attacks; tests read it for hit
 * ratios. Served on the origin's HTTP port (PORTS.http), on every address it has.
 */

export const ORIGIN_PATHS = {
  /** GET: OriginStats. Not counted itself. */
  stats: '/stats',
  /** POST: start counting from zero; answers OriginStats. */
  statsReset: '/stats/reset',
} as const;

export interface OriginStats {
  /** Requests since the origin started or was reset. */
  readonly total: number;
  /** ISO time of the start or the reset. */
  readonly since: string;
  /** Requests per URL (path and query), the rest under `(other)` past a bound. */
  readonly paths: Readonly<Record<string, number>>;
}
