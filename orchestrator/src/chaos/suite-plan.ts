import type { Scenario } from '../scenario/types.ts';

/**
 * A chaos suite as data: the scenarios to run, grouped by the lab they run on so each lab is
 * brought up once and shared, in the order they were given; scenarios a tag filter leaves out
 * are listed with why.
 */
export interface SuiteGroup {
  /** The topology file the group's lab is made from. */
  readonly topology: string;
  readonly scenarios: readonly Scenario[];
}

export interface SuitePlan {
  readonly groups: readonly SuiteGroup[];
  readonly repeat: number;
  readonly left_out: readonly { readonly file: string; readonly reason: string }[];
  /** Runs in all: scenarios x repeat. */
  readonly runs: number;
}

export const MAX_REPEAT = 50;

export function planSuite(scenarios: readonly Scenario[], options: { readonly repeat: number; readonly only?: readonly string[] }): SuitePlan {
  const only = options.only ?? [];
  const leftOut: { file: string; reason: string }[] = [];
  const groups = new Map<string, Scenario[]>();
  const seen = new Set<string>();
  for (const scenario of scenarios) {
    if (seen.has(scenario.file)) continue;
    seen.add(scenario.file);
    if (only.length > 0 && !only.some((tag) => scenario.tags.includes(tag))) {
      leftOut.push({ file: scenario.file, reason: `no tag ${only.join(' or ')} (tags: ${scenario.tags.join(', ') || 'none'})` });
      continue;
    }
    const group = groups.get(scenario.lab) ?? [];
    group.push(scenario);
    groups.set(scenario.lab, group);
  }
  const planned = [...groups].map(([topology, members]) => ({ topology, scenarios: members }));
  const count = planned.reduce((n, g) => n + g.scenarios.length, 0);
  return { groups: planned, repeat: options.repeat, left_out: leftOut, runs: count * options.repeat };
}

/** Time left at this pace: the mean of the runs done so far times the runs still to go. */
export function estimateRemainingMs(doneDurationsMs: readonly number[], runsLeft: number): number | undefined {
  if (doneDurationsMs.length === 0) return undefined;
  const mean = doneDurationsMs.reduce((a, b) => a + b, 0) / doneDurationsMs.length;
  return Math.round(mean * runsLeft);
}
