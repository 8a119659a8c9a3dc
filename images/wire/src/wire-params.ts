/**
 * What one direction of a wire does to the packets it carries. Every field 0 = none.
 * Read from the same text a link's impairment is written in (`lab-impair set`): numbers in ms,
 * percent and kbit/s, so a fault can change a wire the way it changes a netem qdisc.
 */
export interface WireParams {
  /** One-way delay added to every packet. */
  readonly delayMs: number;
  /** Half-width of the uniform spread around the delay: each packet waits delay +/- jitter. */
  readonly jitterMs: number;
  /** Independent random loss, percent. */
  readonly lossPct: number;
  /** Token-bucket rate, kbit/s (0 = unlimited). */
  readonly rateKbit: number;
  /** Largest packet the wire carries, bytes; bigger ones are dropped and counted. */
  readonly mtu: number;
  /**
   * `keep` (default): a packet never overtakes the one before it, so jitter only stretches gaps
   * (TCP sees no reordering; the spread of the delay is then one-sided for bursts). `jitter`: each
   * packet's delay is drawn on its own and packets reorder when draws cross, as netem does.
   */
  readonly order: 'keep' | 'jitter';
  /** Longest wait in the rate limiter's queue before a packet is tail-dropped, ms. */
  readonly queueMs: number;
  /** Bucket depth, bytes: how much may pass at once after the wire was idle. */
  readonly burstBytes: number;
}

export const DEFAULT_WIRE_PARAMS: WireParams = {
  delayMs: 0,
  jitterMs: 0,
  lossPct: 0,
  rateKbit: 0,
  mtu: 1500,
  order: 'keep',
  queueMs: 200,
  burstBytes: 32 * 1024,
};

export class WireParamsError extends Error {
  readonly code = 'WIRE_PARAMS_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'WireParamsError';
  }
}

const NUMERIC = ['delayMs', 'jitterMs', 'lossPct', 'rateKbit', 'mtu', 'queueMs', 'burstBytes'] as const;

/** Checks and completes a partial set of parameters (from a control message or a file). */
export function wireParams(input: Partial<Record<keyof WireParams, unknown>>, base: WireParams = DEFAULT_WIRE_PARAMS): WireParams {
  const out: Record<string, unknown> = { ...base };
  for (const key of NUMERIC) {
    const value = input[key];
    if (value === undefined) continue;
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
      throw new WireParamsError(`${key}: expected a number >= 0, got ${JSON.stringify(value)}`);
    }
    out[key] = n;
  }
  if (input.order !== undefined) {
    if (input.order !== 'keep' && input.order !== 'jitter') {
      throw new WireParamsError(`order: expected "keep" or "jitter", got ${JSON.stringify(input.order)}`);
    }
    out.order = input.order;
  }
  const params = out as unknown as WireParams;
  if (params.lossPct > 100) throw new WireParamsError(`lossPct: expected 0..100, got ${params.lossPct}`);
  if (params.mtu < 68) throw new WireParamsError(`mtu: expected at least 68 (IPv4's minimum), got ${params.mtu}`);
  if (params.jitterMs > params.delayMs) {
    throw new WireParamsError(`jitterMs (${params.jitterMs}) exceeds delayMs (${params.delayMs}): a packet cannot arrive before it was sent`);
  }
  return params;
}
