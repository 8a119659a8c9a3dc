/**
 * Responses whose failure belongs to the upstream (a 5xx the origin sent, an origin that timed
 * out or refused): they are served and counted, but not held against this edge's own health,
 * so a client that asks for slow or broken objects cannot make a healthy PoP withdraw. Whether
 * the upstream itself can still be reached is the upstream check's job (an active probe).
 */
const upstreamFailures = new WeakSet<object>();

export function blameUpstream(response: object): void {
  upstreamFailures.add(response);
}

export function isUpstreamFailure(response: object): boolean {
  return upstreamFailures.has(response);
}
