import type { WireParams } from './wire-params.ts';

/**
 * The pure part of a wire: given a packet's size and arrival time, when it leaves (or why it is
 * dropped). No clock, no sockets, no randomness of its own (`random` is passed in), so tests
 * drive it with a fake clock and a seeded generator.
 *
 * Order of stages, as on a real link: MTU check, random loss, the rate limiter (a token bucket
 * with a bounded queue: serialisation delay), then propagation delay with jitter.
 */

export type DropReason = 'mtu' | 'loss' | 'queue';

export type Verdict = { readonly deliver: true; readonly atMs: number } | { readonly deliver: false; readonly reason: DropReason };

export interface WireCounters {
  received: number;
  delivered: number;
  dropped: Record<DropReason, number>;
  bytes: number;
}

export function emptyCounters(): WireCounters {
  return { received: 0, delivered: 0, dropped: { mtu: 0, loss: 0, queue: 0 }, bytes: 0 };
}

export class WireSchedule {
  #params: WireParams;
  /** Bucket state: tokens (bytes) as of `#bucketAt`. */
  #tokens: number;
  #bucketAt = -Infinity;
  /** When the rate limiter's queue is free again (the last packet's departure). */
  #queueFreeAt = -Infinity;
  /** Latest delivery time handed out, for `order: keep`. */
  #lastDeliveryAt = -Infinity;
  readonly counters = emptyCounters();

  constructor(params: WireParams, private readonly random: () => number = Math.random) {
    this.#params = params;
    this.#tokens = params.burstBytes;
  }

  get params(): WireParams {
    return this.#params;
  }

  /** New parameters take effect for the next packet; packets already scheduled keep their time. */
  setParams(params: WireParams): void {
    this.#params = params;
    this.#tokens = Math.min(this.#tokens, params.burstBytes);
  }

  decide(sizeBytes: number, nowMs: number): Verdict {
    const p = this.#params;
    this.counters.received++;
    if (sizeBytes > p.mtu) return this.#drop('mtu');
    if (p.lossPct > 0 && this.random() * 100 < p.lossPct) return this.#drop('loss');
    let departAt = nowMs;
    if (p.rateKbit > 0) {
      const leave = this.#takeTokens(sizeBytes, nowMs);
      if (leave === undefined) return this.#drop('queue');
      departAt = leave;
    }
    const jitter = p.jitterMs > 0 ? (this.random() * 2 - 1) * p.jitterMs : 0;
    let atMs = departAt + Math.max(0, p.delayMs + jitter);
    if (p.order === 'keep') atMs = Math.max(atMs, this.#lastDeliveryAt);
    this.#lastDeliveryAt = Math.max(this.#lastDeliveryAt, atMs);
    this.counters.delivered++;
    this.counters.bytes += sizeBytes;
    return { deliver: true, atMs };
  }

  /** Token bucket: bytes/ms = kbit/s / 8. Returns the departure time, or undefined when the queue is full. */
  #takeTokens(size: number, nowMs: number): number | undefined {
    const p = this.#params;
    const bytesPerMs = p.rateKbit / 8;
    const start = Math.max(nowMs, this.#queueFreeAt);
    const tokens = Math.min(p.burstBytes, this.#tokens + (start - this.#bucketAt) * bytesPerMs);
    const waitMs = tokens >= size ? 0 : (size - tokens) / bytesPerMs;
    const departAt = start + waitMs;
    if (departAt - nowMs > p.queueMs) return undefined;
    this.#tokens = tokens + waitMs * bytesPerMs - size;
    this.#bucketAt = departAt;
    this.#queueFreeAt = departAt;
    return departAt;
  }

  #drop(reason: DropReason): Verdict {
    this.counters.dropped[reason]++;
    return { deliver: false, reason };
  }
}
