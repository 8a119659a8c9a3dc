import type { NowMs } from '../clock.ts';
import type { HealthSample } from './health-checks.ts';

export interface UpstreamCheckDeps {
  readonly cachedObjects: () => number;
  /** When a real fetch last got an answer from a parent or the origin (monotonic ms). */
  readonly lastUpstreamOkMs: () => number;
  readonly now: NowMs;
  /** A recent real fetch counts as proof of reachability for this long. */
  readonly recentMs: number;
  readonly probe: () => Promise<boolean>;
}

/**
 * The upstream matters only when nothing is cached; and a recent successful fetch saves a probe,
 * so a busy edge adds no health traffic at the origin.
 */
export async function checkUpstream(deps: UpstreamCheckDeps): Promise<HealthSample['upstream']> {
  if (deps.cachedObjects() > 0) return 'cached';
  if (deps.now() - deps.lastUpstreamOkMs() < deps.recentMs) return 'reachable';
  return (await deps.probe()) ? 'reachable' : 'unreachable';
}
