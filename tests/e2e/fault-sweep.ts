/**
 * What the end-to-end chaos tests put through the lab (mini.yaml): the scenarios they run and the
 * sweep of single faults. tests/unit/faults/e2e-coverage.test.ts reads this list and fails when a
 * fault kind in the registry is in neither.
 */
import type { FaultAction } from '../../orchestrator/src/faults/registry.ts';

/** Scenario files (topology/scenarios) the chaos e2e runs. */
export const E2E_SCENARIOS = {
  popCrash: 'mini-pop-crash-bfd.yaml',
  popDrain: 'mini-pop-drain.yaml',
  failing: 'mini-failing-expectation.yaml',
} as const;

export interface SweepEntry {
  readonly action: FaultAction;
  /** Who serves users-west while the fault is in force ('any' for a flap). */
  readonly served: 'west' | 'east' | 'any';
  /** A repair kind that ends the fault, instead of a revert. */
  readonly repair?: FaultAction;
}

const WEST_UPLINK = { a: 't-west', b: 'west' };
const WEST_SESSION = { router: 't-west', peer: 'west' };

/** A fault, what it does to users-west's catchment while in force, and what takes it back. */
export const SWEEP: readonly SweepEntry[] = [
  { action: { kind: 'pop-kill', pop: 'west' }, served: 'east' },
  { action: { kind: 'server-crash', server: 'west/edge-1' }, served: 'west' },
  { action: { kind: 'server-unhealthy', server: 'west/edge-2' }, served: 'west' },
  { action: { kind: 'link-down', link: WEST_UPLINK }, served: 'east' },
  { action: { kind: 'bgp-session-down', session: WEST_SESSION }, served: 'east' },
  { action: { kind: 'partition', nodes: ['west'] }, served: 'east' },
  { action: { kind: 'link-impair', link: { a: 't-west', b: 't-east' }, impairment: { lossPercent: 30, rateKbit: 2000 }, direction: 'both' }, served: 'west' },
  { action: { kind: 'pop-withdraw', pop: 'west' }, served: 'east' },
  // t-west then hears the anycast prefix from west with 3 ASes, against 2 through t-east.
  { action: { kind: 'pop-prepend', pop: 'west', count: 2 }, served: 'east' },
  { action: { kind: 'flap', target: { link: WEST_UPLINK }, count: 2, periodMs: 2000, downForMs: 1000 }, served: 'any' },
  // The repairs: each ends a fault in force, which then needs no revert.
  { action: { kind: 'pop-kill', pop: 'west' }, served: 'east', repair: { kind: 'pop-restart', pop: 'west' } },
  { action: { kind: 'pop-drain', pop: 'west', waitMs: 1000 }, served: 'east', repair: { kind: 'pop-undrain', pop: 'west' } },
  { action: { kind: 'link-down', link: WEST_UPLINK }, served: 'east', repair: { kind: 'link-up', link: WEST_UPLINK } },
  { action: { kind: 'bgp-session-down', session: WEST_SESSION }, served: 'east', repair: { kind: 'bgp-session-up', session: WEST_SESSION } },
  { action: { kind: 'partition', nodes: ['west'] }, served: 'east', repair: { kind: 'heal' } },
];
