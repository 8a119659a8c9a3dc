import test from 'ava';
import { InputInvalidError } from '../../../orchestrator/src/errors.ts';
import type { SourceIssue } from '../../../orchestrator/src/errors.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';

const FILE = 'topology/scenarios/test.yaml';

function issuesOf(text: string): SourceIssue[] {
  const error = t_throws(() => parseScenario(text, FILE));
  return [...error.issues];
}

function t_throws(fn: () => unknown): InputInvalidError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputInvalidError) return error;
    throw error;
  }
  throw new Error('expected the scenario to be invalid');
}

/** A scenario with `steps` (from line 5, or 6 with a `head` line) under `steps:`. */
function withSteps(steps: string, head = ''): string {
  return `name: t\nlab: ../mini.yaml\nstable-window: 1s\n${head}steps:\n${steps}`;
}

test('the example scenario from the design parses', (t) => {
  const s = parseScenario(
    `name: pop-crash-bfd
lab: ../world.yaml
probe: { clients: all, rate: 50/s }
steady-state:
  - { expect: catchment, client: users-asia, pop: tokyo }
steps:
  - { at: 5s, fault: pop-crash, pop: tokyo }
  - { at: 15s, expect: catchment, client: users-asia, pop: not tokyo }
  - { at: 15s, expect: convergence, client: users-asia, max: 1s }
  - { at: 15s, expect: lost, client: users-asia, max: 60 }
  - { at: 20s, revert: pop-crash }
`,
    FILE,
  );
  t.is(s.name, 'pop-crash-bfd');
  t.is(s.lab, 'topology/world.yaml');
  t.deepEqual(s.probe, { clients: 'all', ratePerS: 50, keepAlive: false, timeoutMs: 1000, path: '/probe' });
  t.is(s.stableWindowMs, 1000);
  t.is(s.durationMs, 22_000);
  t.deepEqual(s.steps[0], {
    type: 'fault',
    atMs: 5000,
    id: 'pop-crash',
    action: { kind: 'pop-crash', pop: 'tokyo' },
    source: { line: 7, column: 5, path: 'steps[0]' },
  });
  t.deepEqual(s.steps[1]?.type === 'expect' ? s.steps[1].expectation : undefined, { kind: 'catchment', client: 'users-asia', pop: 'tokyo', negate: true });
  t.deepEqual(s.steps[4], { type: 'revert', atMs: 20_000, faults: ['pop-crash'], source: { line: 11, column: 5, path: 'steps[4]' } });
  t.deepEqual(
    s.references.map((r) => `${r.kind} ${r.name} ${r.line}:${r.column} ${r.path}`),
    [
      'client users-asia 5:34 steady-state[0].client',
      'pop tokyo 5:51 steady-state[0].pop',
      'pop tokyo 7:38 steps[0].pop',
      'client users-asia 8:43 steps[1].client',
      'pop tokyo 8:60 steps[1].pop',
      'client users-asia 9:45 steps[2].client',
      'client users-asia 10:38 steps[3].client',
    ],
  );
});

test('every fault kind with its fields', (t) => {
  const s = parseScenario(
    withSteps(`  - { at: 1s, fault: pop-kill, pop: west }
  - { at: 1s, fault: pop-drain, pop: west, wait: 3s }
  - { at: 1s, fault: server-unhealthy, server: west/edge-1 }
  - { at: 1s, fault: link-impair, between: [t-west, west], loss: 20%, rate: 10mbit, direction: a-to-b }
  - { at: 1s, fault: link-impair, id: slow, link: t-west--t-east, delay: 200ms, jitter: 10ms }
  - { at: 1s, fault: bgp-session-down, router: t-west, peer: west }
  - { at: 1s, fault: partition, nodes: [west, t-west] }
  - { at: 1s, fault: flap, id: flap-link, link: t-east--east, count: 3, period: 2s }
  - { at: 1s, fault: flap, router: t-west, peer: t-east, count: 2, period: 4s, down-for: 1s }
  - { at: 2s, revert: all }
  - { at: 3s, fault: heal }
`),
    FILE,
  );
  const actions = s.steps.flatMap((step) => (step.type === 'fault' ? [step.action] : []));
  t.deepEqual(actions[1], { kind: 'pop-drain', pop: 'west', waitMs: 3000 });
  t.deepEqual(actions[3], { kind: 'link-impair', link: { a: 't-west', b: 'west' }, impairment: { lossPercent: 20, rateKbit: 10_000 }, direction: 'a-to-b' });
  t.deepEqual(actions[4], { kind: 'link-impair', link: { a: 't-west', b: 't-east' }, impairment: { delayMs: 200, jitterMs: 10 }, direction: 'both' });
  t.deepEqual(actions[7], { kind: 'flap', target: { link: { a: 't-east', b: 'east' } }, count: 3, periodMs: 2000, downForMs: 1000 });
  t.deepEqual(actions[8], { kind: 'flap', target: { session: { router: 't-west', peer: 't-east' } }, count: 2, periodMs: 4000, downForMs: 1000 });
  const revert = s.steps[9];
  t.deepEqual(revert?.type === 'revert' ? revert.faults : [], ['pop-kill', 'pop-drain', 'server-unhealthy', 'link-impair', 'slow', 'bgp-session-down', 'partition', 'flap-link', 'flap']);
  t.deepEqual(actions[9], { kind: 'heal' });
});

test('settings: bgp overrides, probe, stable window, requires, duration', (t) => {
  const s = parseScenario(
    `name: t
description: hold timers
lab: /abs/mini.yaml
requires: [netem]
bgp: { bfd: { enabled: false }, timers: datacenter }
probe: { clients: [users-west], rate: 100/s, keep-alive: true, timeout: 500ms, path: /healthz }
stable-window: 2s
duration: 40s
steps: []
`,
    FILE,
  );
  t.is(s.lab, '/abs/mini.yaml');
  t.deepEqual(s.requires, ['netem']);
  t.deepEqual(s.bgp, { bfd: { enabled: false }, timers: { profile: 'datacenter', keepaliveS: 3, holdS: 9 } });
  t.deepEqual(s.probe, { clients: ['users-west'], ratePerS: 100, keepAlive: true, timeoutMs: 500, path: '/healthz' });
  t.is(s.stableWindowMs, 2000);
  t.is(s.durationMs, 40_000);
  const custom = parseScenario(withSteps('  []', 'bgp: { timers: { keepalive: 1s, hold: 3s } }\n'), FILE);
  t.deepEqual(custom.bgp?.timers, { profile: 'custom', keepaliveS: 1, holdS: 3 });
});

const BAD: Array<[string, string, number, string, RegExp]> = [
  ['not YAML at all', 'name: [unclosed\nlab: x\n', 2, '', /not valid YAML/],
  ['a list where the scenario map belongs', '- name: t\n', 1, '', /expected a map/],
  ['an unknown top-level key', 'name: t\nlab: x\nstable-windw: 1s\nsteps: []\n', 3, 'stable-windw', /did you mean "stable-window"/],
  ['an unknown probe key', 'name: t\nlab: x\nprobe:\n  rte: 50/s\nsteps: []\n', 4, 'probe.rte', /did you mean "rate"/],
  ['a request rate without its unit', 'name: t\nlab: x\nprobe: { rate: 50 }\nsteps: []\n', 3, 'probe.rate', /request rate from 1\/s/],
  ['a probe rate the agent refuses', 'name: t\nlab: x\nprobe: { rate: 5000/s }\nsteps: []\n', 3, 'probe.rate', /to 1000\/s/],
  ['a step time without its unit', withSteps('  - { at: 5, fault: pop-crash, pop: west }\n'), 5, 'steps[0].at', /expected a duration from .*, such as 500ms or 2s, got/],
  ['steps out of order', withSteps('  - { at: 5s, fault: pop-crash, pop: west }\n  - { at: 3s, revert: pop-crash }\n'), 6, 'steps[1].at', /out of order: at 3 s comes after a step at 5 s/],
  ['an unknown fault kind', withSteps('  - { at: 5s, fault: pop-crsh, pop: west }\n'), 5, 'steps[0].fault', /did you mean "pop-crash"/],
  ['a field the fault kind does not take', withSteps('  - { at: 5s, fault: pop-crash, pop: west, server: west/edge-1 }\n'), 5, 'steps[0].server', /unknown key "server" for a pop-crash fault/],
  ['a fault without its target', withSteps('  - { at: 5s, fault: pop-crash }\n'), 5, 'steps[0].pop', /missing required key "pop"/],
  ['a server without its PoP', withSteps('  - { at: 5s, fault: server-crash, server: edge-1 }\n'), 5, 'steps[0].server', /<pop>\/<server>/],
  ['a link name without its two ends', withSteps('  - { at: 5s, fault: link-down, link: t-west-west }\n'), 5, 'steps[0].link', /<a>--<b>/],
  ['a link given twice', withSteps('  - { at: 5s, fault: link-down, link: t-west--west, between: [t-west, west] }\n'), 5, 'steps[0].between', /not both/],
  ['link-impair with nothing to impair', withSteps('  - { at: 5s, fault: link-impair, link: t-west--west }\n'), 5, 'steps[0]', /at least one of `delay`, `jitter`, `loss`, `rate`/],
  ['jitter without delay', withSteps('  - { at: 5s, fault: link-impair, link: t-west--west, jitter: 5ms }\n'), 5, 'steps[0].jitter', /give `delay` too/],
  ['loss that is not a percentage', withSteps('  - { at: 5s, fault: link-impair, link: t-west--west, loss: 120% }\n'), 5, 'steps[0].loss', /percentage/],
  ['a flap on a link and a session at once', withSteps('  - { at: 5s, fault: flap, link: a--b, router: a, peer: b, count: 2, period: 2s }\n'), 5, 'steps[0]', /not both/],
  ['a flap that never comes back up', withSteps('  - { at: 5s, fault: flap, link: a--b, count: 2, period: 2s, down-for: 2s }\n'), 5, 'steps[0].down-for', /`down-for` must be shorter than `period`/],
  ['a revert with nothing in place', withSteps('  - { at: 5s, revert: pop-crash }\n'), 5, 'steps[0].revert', /nothing to revert/],
  ['a revert of a repair', withSteps('  - { at: 5s, fault: link-up, link: a--b }\n  - { at: 6s, revert: link-up }\n'), 6, 'steps[1].revert', /is a repair/],
  ['an ambiguous revert', withSteps('  - { at: 5s, fault: pop-crash, id: one, pop: west }\n  - { at: 5s, fault: pop-crash, id: two, pop: east }\n  - { at: 6s, revert: pop-crash }\n'), 7, 'steps[2].revert', /matches 2 faults in place \(one, two\)/],
  ['a fault id used twice', withSteps('  - { at: 5s, fault: pop-crash, pop: west }\n  - { at: 6s, fault: pop-crash, pop: east }\n'), 6, 'steps[1].fault', /already used by steps\[0\]/],
  ['a step that is two things', withSteps('  - { at: 5s, fault: pop-crash, pop: west, expect: lost }\n'), 5, 'steps[0]', /exactly one of/],
  ['an unknown expectation kind', withSteps('  - { at: 5s, expect: catchmnt, client: users-west, pop: west }\n'), 5, 'steps[0].expect', /did you mean "catchment"/],
  ['a catchment without its PoP', withSteps('  - { at: 5s, expect: catchment, client: users-west }\n'), 5, 'steps[0].pop', /missing required key "pop"/],
  ['a convergence bound without its unit', withSteps('  - { at: 5s, fault: pop-crash, pop: west }\n  - { at: 9s, expect: convergence, client: users-west, max: 1 }\n'), 6, 'steps[1].max', /expected a duration from .*, such as 500ms or 2s, got/],
  ['a convergence with no fault before it', withSteps('  - { at: 5s, expect: convergence, client: users-west, max: 1s }\n'), 5, 'steps[0].expect', /no fault comes before/],
  ['an expectation naming an unknown fault', withSteps('  - { at: 5s, fault: pop-crash, pop: west }\n  - { at: 9s, expect: lost, client: users-west, max: 5, after: crash }\n'), 6, 'steps[1].after', /no fault `crash`/],
  ['a lost bound that is not a count', withSteps('  - { at: 5s, fault: pop-crash, pop: west }\n  - { at: 9s, expect: lost, client: users-west, max: 2.5 }\n'), 6, 'steps[1].max', /whole number/],
  ['a success rate with no bound', withSteps('  - { at: 5s, expect: success-rate }\n'), 5, 'steps[0]', /needs `min` or `max`/],
  ['a Jain bound above 1', withSteps('  - { at: 5s, expect: spread, min-jain: 1.5 }\n'), 5, 'steps[0].min-jain', /from 0 to 1/],
  ['a BGP state that is not one', withSteps('  - { at: 5s, expect: bgp-session, router: t-west, peer: west, state: up }\n'), 5, 'steps[0].state', /established, down/],
  ['a route prefix that is not one', withSteps('  - { at: 5s, expect: route, router: t-west, prefix: 198.51.100.0, present: true }\n'), 5, 'steps[0].prefix', /IPv4 prefix/],
  ['an expectation on a client not probed', withSteps('  - { at: 5s, expect: catchment, client: users-east, pop: east }\n', 'probe: { clients: [users-west] }\n'), 6, 'steps[0].client', /not probed/],
  ['convergence in the steady state', 'name: t\nlab: x\nsteady-state:\n  - { expect: convergence, client: users-west, max: 1s }\nsteps: []\n', 4, 'steady-state[0].expect', /put it in `steps`/],
  ['a steady-state expectation with a time', 'name: t\nlab: x\nsteady-state:\n  - { at: 1s, expect: catchment, client: users-west, pop: west }\nsteps: []\n', 4, 'steady-state[0].at', /have no `at`/],
  ['a run shorter than its steps', withSteps('  - { at: 5s, fault: pop-crash, pop: west }\n', 'duration: 3s\n'), 4, 'duration', /before its last step/],
  ['an unknown kernel feature', 'name: t\nlab: x\nrequires: [netm]\nsteps: []\n', 3, 'requires[0]', /did you mean "netem"/],
  ['BGP timers whose hold is not longer than keepalive', 'name: t\nlab: x\nbgp: { timers: { keepalive: 3s, hold: 3s } }\nsteps: []\n', 3, 'bgp.timers.hold', /longer than the keepalive/],
  ['missing name, lab and steps', 'description: nothing else\n', 1, 'name', /missing required key "name"/],
];

for (const [what, text, line, path, message] of BAD) {
  test(`invalid: ${what}`, (t) => {
    const issues = issuesOf(text);
    const issue = issues.find((i) => i.path === path && message.test(i.message));
    t.truthy(issue, `no issue at ${path} matching ${message}; got:\n${issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`).join('\n')}`);
    t.is(issue?.line, line);
    t.is(issue?.file, FILE);
  });
}

test('an empty file says what a scenario needs', (t) => {
  const issues = issuesOf('');
  t.is(issues.length, 1);
  t.regex(issues[0]!.message, /the file is empty; a scenario needs/);
});

test('every problem in a file is reported, in line order, with the error code', (t) => {
  const error = t_throws(() =>
    parseScenario(withSteps('  - { at: 5s, fault: pop-crsh, pop: west }\n  - { at: 3s, expect: lost }\n', 'probe: { rte: 1/s }\n'), FILE),
  );
  t.is(error.code, 'SCENARIO_INVALID');
  t.deepEqual(
    error.issues.map((i) => `${i.line} ${i.path}`),
    ['4 probe.rte', '6 steps[0].fault', '7 steps[1].client', '7 steps[1].max', '7 steps[1].at'],
  );
  t.regex(error.message, /topology\/scenarios\/test\.yaml:4:\d+: probe\.rte: unknown key/);
});
