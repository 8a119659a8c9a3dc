import test from 'ava';
import {
  assessWindow,
  initialDetectorState,
  type DetectorInput,
  type DetectorState,
} from '../../../../edge-node/src/defense/attack-detector.ts';
import { DEFAULT_TUNING } from '../../../../edge-node/src/config.ts';

const settings = DEFAULT_TUNING.defense.detector;

function window(overrides: Partial<DetectorInput> = {}): DetectorInput {
  return { durationMs: 1000, requests: 100, limited: 0, errors: 0, blocked: 0, suspectSources: [], suspectPrefixes: [], ...overrides };
}

function run(state: DetectorState, inputs: readonly DetectorInput[]): DetectorState {
  return inputs.reduce((s, input) => assessWindow(s, input, settings).state, state);
}

test('calm windows teach the baseline and keep the level normal', (t) => {
  const state = run(initialDetectorState, Array.from({ length: 20 }, () => window({ requests: 300 })));
  t.is(state.level, 0);
  t.true(state.baselineRps > 250 && state.baselineRps <= 300);
});

test('a rate far above baseline escalates: elevated at once, severe when it persists', (t) => {
  const calm = run(initialDetectorState, Array.from({ length: 20 }, () => window({ requests: 300 })));
  const first = assessWindow(calm, window({ requests: 5000 }), settings);
  t.is(first.state.level, 1);
  t.regex(first.anomaly ?? '', /request rate 5000\/s above 8\d\d\/s/);
  const later = run(first.state, [window({ requests: 5000 }), window({ requests: 5000 })]);
  t.is(later.level, 2);
  t.true(later.baselineRps < 310, 'the attack does not raise the baseline');
});

test('the level relaxes one step per run of calm windows once the attack stops', (t) => {
  const severe: DetectorState = { ...initialDetectorState, level: 2, baselineRps: 100 };
  const calm = Array.from({ length: settings.relaxAfterWindows }, () => window());
  const elevated = run(severe, calm);
  t.is(elevated.level, 1);
  t.is(run(elevated, calm).level, 0);
});

test('connections refused as blocked keep counting as attack traffic', (t) => {
  const result = assessWindow({ ...initialDetectorState, level: 1 }, window({ requests: 10, blocked: 4000 }), settings);
  t.truthy(result.anomaly);
  t.is(result.state.level, 1);
});

test('error and rate-limited ratios are anomalies too, given enough requests', (t) => {
  t.regex(assessWindow(initialDetectorState, window({ errors: 80 }), settings).anomaly ?? '', /error ratio 80%/);
  t.regex(assessWindow(initialDetectorState, window({ limited: 40 }), settings).anomaly ?? '', /rate-limited ratio 40%/);
  t.is(assessWindow(initialDetectorState, window({ requests: 10, errors: 10 }), settings).anomaly, undefined);
});

test('sources rate-limited or erring above the threshold are picked for blocking; lower levels need more', (t) => {
  const input = window({
    suspectSources: [
      { key: 'flooder', requests: 900, limited: 700, errors: 0 },
      { key: 'scanner', requests: 60, limited: 0, errors: 60 },
      { key: 'bursty', requests: 215, limited: 15, errors: 0 },
      { key: 'mixed', requests: 200, limited: 0, errors: 60 },
    ],
    suspectPrefixes: [{ key: '198.18.1.0/24', requests: 5000, limited: 3000, errors: 0 }],
  });
  const normal = assessWindow(initialDetectorState, input, settings);
  t.deepEqual(normal.blockSources.map((b) => b.key), ['flooder', 'scanner']);
  t.deepEqual(normal.blockPrefixes.map((b) => b.key), ['198.18.1.0/24']);
  t.regex(normal.blockSources[0]?.reason ?? '', /rate-limited 700\/s/);
  const severe = assessWindow({ ...initialDetectorState, level: 2 }, input, settings);
  t.deepEqual(severe.blockSources.map((b) => b.key), ['flooder', 'scanner', 'bursty']);
});
