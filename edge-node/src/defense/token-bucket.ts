/** A token bucket as plain mutable state, refilled lazily from an injected clock. */
export interface BucketRate {
  readonly perSecond: number;
  readonly burst: number;
}

export interface TokenBucket {
  tokens: number;
  refilledAtMs: number;
}

export function fullBucket(rate: BucketRate, nowMs: number): TokenBucket {
  return { tokens: rate.burst, refilledAtMs: nowMs };
}

/** Takes one token if there is one; false means the caller is over its rate. */
export function takeToken(bucket: TokenBucket, rate: BucketRate, nowMs: number): boolean {
  const elapsedMs = nowMs - bucket.refilledAtMs;
  if (elapsedMs > 0) {
    bucket.tokens = Math.min(rate.burst, bucket.tokens + (elapsedMs * rate.perSecond) / 1000);
    bucket.refilledAtMs = nowMs;
  } else if (bucket.tokens > rate.burst) {
    bucket.tokens = rate.burst;
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return true;
  }
  return false;
}

export function scaleRate(rate: BucketRate, factor: number): BucketRate {
  return { perSecond: rate.perSecond * factor, burst: Math.max(1, rate.burst * factor) };
}
