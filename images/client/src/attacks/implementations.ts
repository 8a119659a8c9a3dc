import type { AttackKind, AttackParams } from '../../../../contracts/agent-api.ts';
import type { Traffic } from '../probe-job.ts';
import type { RunningAttack } from './counters.ts';
import { startHttpFlood } from './http-flood.ts';
import { startRapidReset } from './rapid-reset.ts';
import { startSlowloris } from './slowloris.ts';
import { startSynFlood } from './syn-flood.ts';

/** Starts one attack from a bot; `sources` are the bot addresses it may use (empty: the kernel picks). */
export type StartAttack = (params: AttackParams, traffic: Traffic, sources: readonly string[]) => RunningAttack;

/** How long past the origin's delay a slow-origin request waits before it counts as a timeout. */
const SLOW_ORIGIN_GRACE_MS = 2000;

/** `path` with `extra` added to its query. */
export function withQuery(path: string, extra: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${extra}`;
}

/** A random token per request, so no two requests share a cache key. */
function token(seq: number): string {
  return `${seq.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Every attack kind (contracts/attack-kinds.ts) with its implementation: a `Record`, so a kind
 * added to the registry without one here does not compile.
 */
export const ATTACK_IMPLEMENTATIONS: Record<AttackKind, StartAttack> = {
  'http-flood': (params, traffic, sources) => startHttpFlood(params, traffic, sources.length),
  'cache-bust': (params, traffic, sources) =>
    startHttpFlood(params, traffic, sources.length, { pathFor: (seq) => withQuery(params.path, `cb=${token(seq)}`) }),
  slowloris: (params, traffic) => startSlowloris(params, traffic),
  'h2-rapid-reset': (params, traffic) => startRapidReset(params, traffic),
  'syn-flood': (params, traffic, sources) => startSynFlood(params, traffic, sources),
  'slow-origin': (params, traffic, sources) =>
    startHttpFlood(params, traffic, sources.length, {
      pathFor: (seq) => withQuery(params.path, `delay=${params.delayMs ?? 0}&k=${token(seq)}`),
      timeoutMs: (params.delayMs ?? 0) + SLOW_ORIGIN_GRACE_MS,
    }),
};
