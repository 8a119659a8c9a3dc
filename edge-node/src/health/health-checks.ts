export interface HealthThresholds {
  readonly maxLagMs: number;
  readonly maxErrorRatio: number;
  /** Fewer responses than this in the window never fail the error check. */
  readonly minResponses: number;
}

/** What one health tick measured. */
export interface HealthSample {
  readonly lagP99Ms: number;
  readonly responses: number;
  /** 5xx this edge caused itself; the upstream's failures are not among them (upstream-blame.ts). */
  readonly serverErrors: number;
  /** `cached`: content is on hand, so the upstream is not needed to serve. */
  readonly upstream: 'reachable' | 'unreachable' | 'cached';
}

export interface CheckResult {
  readonly name: 'event-loop-lag' | 'error-rate' | 'upstream';
  readonly ok: boolean;
  readonly detail: string;
}

export function evaluateHealth(sample: HealthSample, thresholds: HealthThresholds): CheckResult[] {
  const ratio = sample.responses > 0 ? sample.serverErrors / sample.responses : 0;
  const errorsCount = sample.responses >= thresholds.minResponses;
  return [
    {
      name: 'event-loop-lag',
      ok: sample.lagP99Ms <= thresholds.maxLagMs,
      detail: `p99 ${sample.lagP99Ms.toFixed(0)} ms (limit ${thresholds.maxLagMs} ms)`,
    },
    {
      name: 'error-rate',
      ok: !errorsCount || ratio <= thresholds.maxErrorRatio,
      detail: `${sample.serverErrors}/${sample.responses} responses 5xx (limit ${(thresholds.maxErrorRatio * 100).toFixed(0)}%${errorsCount ? '' : ', too few to judge'})`,
    },
    {
      name: 'upstream',
      ok: sample.upstream !== 'unreachable',
      detail:
        sample.upstream === 'cached'
          ? 'content cached, upstream not needed'
          : `origin/parents ${sample.upstream} and nothing cached`,
    },
  ];
}

/** The failing checks as one reason line, e.g. `event-loop-lag: p99 812 ms (limit 500 ms)`. */
export function describeFailures(results: readonly CheckResult[]): string {
  return results
    .filter((r) => !r.ok)
    .map((r) => `${r.name}: ${r.detail}`)
    .join('; ');
}
