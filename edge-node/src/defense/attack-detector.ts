import type { ActorCounts, WindowSample } from './source-limiter.ts';

/** 0 normal, 1 elevated, 2 severe: each level tightens limits and lowers block thresholds. */
export type MitigationLevel = 0 | 1 | 2;

/** A per-level threshold: [normal, elevated, severe]. */
export type PerLevel = readonly [number, number, number];

export interface DetectorSettings {
  /** Traffic counts as an attack above this many times the baseline rate... */
  readonly rateFactor: number;
  /** ...and above this absolute rate, so a quiet baseline does not make every burst an attack. */
  readonly minAttackRps: number;
  /** Error ratio (4xx/5xx except 429) that counts as an attack, given `minRequests` requests. */
  readonly attackErrorRatio: number;
  /** Share of requests rate-limited that counts as an attack, given `minRequests` requests. */
  readonly attackLimitedRatio: number;
  readonly minRequests: number;
  /** Weight of each calm window in the baseline (exponential moving average). */
  readonly baselineAlpha: number;
  /** Consecutive anomalous windows before going from elevated to severe. */
  readonly severeAfterWindows: number;
  /** Consecutive calm windows before relaxing one level. */
  readonly relaxAfterWindows: number;
  /** A source is blocked when rate-limited this many times per second... */
  readonly sourceLimitedPerSecond: PerLevel;
  /** ...or when it causes this many errors per second, most of its requests failing. */
  readonly sourceErrorsPerSecond: PerLevel;
  readonly prefixLimitedPerSecond: PerLevel;
}

export interface DetectorState {
  readonly level: MitigationLevel;
  readonly baselineRps: number;
  readonly baselineErrorRatio: number;
  readonly anomalousWindows: number;
  readonly calmWindows: number;
}

export interface BlockDecision {
  readonly key: string;
  readonly reason: string;
}

export interface Assessment {
  readonly state: DetectorState;
  /** Why this window looked like an attack; undefined when it looked normal. */
  readonly anomaly: string | undefined;
  readonly blockSources: readonly BlockDecision[];
  readonly blockPrefixes: readonly BlockDecision[];
}

/** What the detector sees of a window: the limiter's sample plus connections refused as blocked. */
export interface DetectorInput extends WindowSample {
  readonly blocked: number;
}

export const initialDetectorState: DetectorState = {
  level: 0,
  baselineRps: 0,
  baselineErrorRatio: 0,
  anomalousWindows: 0,
  calmWindows: 0,
};

export function assessWindow(state: DetectorState, input: DetectorInput, settings: DetectorSettings): Assessment {
  const seconds = input.durationMs / 1000;
  const anomaly = describeAnomaly(state, input, settings);
  const next = anomaly ? escalate(state, settings) : relax(state, input, settings);
  const level = Math.max(state.level, next.level) as MitigationLevel;
  return {
    state: next,
    anomaly,
    blockSources: input.suspectSources.flatMap((s) => sourceOffence(s, seconds, level, settings)),
    blockPrefixes: input.suspectPrefixes.flatMap((p) => prefixOffence(p, seconds, level, settings)),
  };
}

function describeAnomaly(state: DetectorState, input: DetectorInput, settings: DetectorSettings): string | undefined {
  const rps = (input.requests + input.blocked) / (input.durationMs / 1000);
  const rateLimit = Math.max(settings.minAttackRps, state.baselineRps * settings.rateFactor);
  if (rps > rateLimit) return `request rate ${rps.toFixed(0)}/s above ${rateLimit.toFixed(0)}/s`;
  if (input.requests < settings.minRequests) return undefined;
  const errorRatio = input.errors / input.requests;
  const errorLimit = Math.max(settings.attackErrorRatio, state.baselineErrorRatio * settings.rateFactor);
  if (errorRatio > errorLimit) return `error ratio ${pct(errorRatio)} above ${pct(errorLimit)}`;
  const limitedRatio = input.limited / input.requests;
  if (limitedRatio > settings.attackLimitedRatio) {
    return `rate-limited ratio ${pct(limitedRatio)} above ${pct(settings.attackLimitedRatio)}`;
  }
  return undefined;
}

function escalate(state: DetectorState, settings: DetectorSettings): DetectorState {
  const anomalousWindows = state.anomalousWindows + 1;
  const target: MitigationLevel = anomalousWindows >= settings.severeAfterWindows ? 2 : 1;
  return { ...state, level: Math.max(state.level, target) as MitigationLevel, anomalousWindows, calmWindows: 0 };
}

function relax(state: DetectorState, input: DetectorInput, settings: DetectorSettings): DetectorState {
  if (state.level > 0) {
    const calmWindows = state.calmWindows + 1;
    return calmWindows >= settings.relaxAfterWindows
      ? { ...state, level: (state.level - 1) as MitigationLevel, anomalousWindows: 0, calmWindows: 0 }
      : { ...state, anomalousWindows: 0, calmWindows };
  }
  // The baseline learns only from normal windows, so an attack cannot raise the bar it is judged by.
  const rps = input.requests / (input.durationMs / 1000);
  const errorRatio = input.requests > 0 ? input.errors / input.requests : 0;
  const a = settings.baselineAlpha;
  return {
    ...state,
    baselineRps: state.baselineRps + a * (rps - state.baselineRps),
    baselineErrorRatio: state.baselineErrorRatio + a * (errorRatio - state.baselineErrorRatio),
    anomalousWindows: 0,
    calmWindows: state.calmWindows + 1,
  };
}

function sourceOffence(s: ActorCounts, seconds: number, level: MitigationLevel, settings: DetectorSettings): BlockDecision[] {
  const limitedRate = s.limited / seconds;
  if (limitedRate >= settings.sourceLimitedPerSecond[level]) {
    return [{ key: s.key, reason: `rate-limited ${limitedRate.toFixed(0)}/s` }];
  }
  const errorRate = s.errors / seconds;
  if (errorRate >= settings.sourceErrorsPerSecond[level] && s.errors * 2 > s.requests) {
    return [{ key: s.key, reason: `errors ${errorRate.toFixed(0)}/s` }];
  }
  return [];
}

function prefixOffence(p: ActorCounts, seconds: number, level: MitigationLevel, settings: DetectorSettings): BlockDecision[] {
  const limitedRate = p.limited / seconds;
  return limitedRate >= settings.prefixLimitedPerSecond[level]
    ? [{ key: p.key, reason: `prefix rate-limited ${limitedRate.toFixed(0)}/s` }]
    : [];
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(0)}%`;
}
