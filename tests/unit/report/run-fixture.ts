import type { RunTimeline } from '../../../orchestrator/src/measure/timeline.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';
import { stretch, timeline } from '../measure/synthetic.ts';

export const START = 1_700_000_000_000;

/** A mini lab run: west crashes at 5 s, users-west moves to east 300 ms later, revert at 12 s. */
export const scenario = parseScenario(
  `name: mini-pop-crash-bfd
lab: ../mini.yaml
steady-state:
  - { expect: catchment, client: users-west, pop: west }
steps:
  - { at: 5s, fault: pop-crash, pop: west }
  - { at: 10s, expect: catchment, client: users-west, pop: not west }
  - { at: 10s, expect: convergence, client: users-west, max: 1s }
  - { at: 10s, expect: lost, client: users-west, max: 10 }
  - { at: 10s, expect: success-rate, client: users-east, min: 99% }
  - { at: 10s, expect: latency, client: users-west, max: 50ms }
  - { at: 10s, expect: spread, max-over-mean: 1.5 }
  - { at: 10s, expect: bgp-session, router: t-west, peer: west, state: down }
  - { at: 10s, expect: route, router: t-west, prefix: 198.51.100.0/24, present: true }
  - { at: 12s, revert: pop-crash }
duration: 20s
`,
  'topology/scenarios/mini-pop-crash-bfd.yaml',
);

const at = (ms: number): number => START + ms;
const shift = (records: ReturnType<typeof timeline>) => records.map((r) => ({ ...r, sentAt: r.sentAt + START }));

export const run: RunTimeline = {
  startedAtMs: START,
  endedAtMs: at(20_000),
  clients: [
    {
      client: 'users-west',
      node: 'users-west-probe-1',
      records: shift(timeline(stretch(0, 5000, 'west'), stretch(5000, 5300, 'timeout'), stretch(5300, 13_000, 'east', 50, 30), stretch(13_000, 20_000, 'west'))),
    },
    { client: 'users-east', node: 'users-east-probe-1', records: shift(timeline(stretch(0, 20_000, 'east'))) },
  ],
  faults: [{ id: 'pop-crash', kind: 'pop-crash', target: 'west', atMs: at(5000), revertedAtMs: at(12_000) }],
  bgp: [
    { atMs: at(0), router: 't-west', peer: 'west', state: 'Established' },
    { atMs: at(5350), router: 't-west', peer: 'west', state: 'Idle' },
    { atMs: at(14_000), router: 't-west', peer: 'west', state: 'Established' },
  ],
  routes: [{ atMs: at(9000), router: 't-west', prefix: '198.51.100.0/24', present: true }],
};

export const measurements = { timeline: run, stableWindowMs: scenario.stableWindowMs, pops: ['west', 'east'] };
