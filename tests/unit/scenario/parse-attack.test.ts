import test from 'ava';
import { ATTACK_KIND_NAMES, ATTACK_KINDS, checkAttackFields } from '../../../contracts/attack-kinds.ts';
import { InputInvalidError, type SourceIssue } from '../../../orchestrator/src/errors.ts';
import { checkScenarioAgainstTopology } from '../../../orchestrator/src/scenario/check-against-topology.ts';
import { attackWindows } from '../../../orchestrator/src/scenario/parse-attack.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';
import { scheduleChecks } from '../../../orchestrator/src/scenario/schedule-checks.ts';
import { MINI } from './lab-names.ts';

const FILE = 'topology/scenarios/test.yaml';

/** Steps start on line 5. */
const withSteps = (steps: string, head = ''): string => `name: t\nlab: ../mini.yaml\nstable-window: 1s\n${head}steps:\n${steps}`;

function issuesOf(text: string): SourceIssue[] {
  try {
    parseScenario(text, FILE);
  } catch (error) {
    if (error instanceof InputInvalidError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the scenario to be invalid');
}

test('an attack step: kind, id, botnets, the kind\'s fields in units, its defaults; stop-attack by id', (t) => {
  const s = parseScenario(
    withSteps(`  - { at: 5s, attack: http-flood, id: flood, from: [bots-west, bots-east], rate: 2000/s, for: 20s, sources: 4 }
  - { at: 6s, attack: slow-origin, from: all, rate: 4/s, for: 10s }
  - { at: 10s, stop-attack: flood }
`),
    FILE,
  );
  t.deepEqual(s.steps[0], {
    type: 'attack',
    atMs: 5000,
    id: 'flood',
    settings: { kind: 'http-flood', rate: 2000, for: 20_000, sources: 4, path: '/obj/1024?cc=max-age%3D300' },
    from: ['bots-west', 'bots-east'],
    source: { line: 5, column: 5, path: 'steps[0]' },
  });
  t.deepEqual(s.steps[1]?.type === 'attack' ? [s.steps[1].id, s.steps[1].from, s.steps[1].settings] : [], [
    'slow-origin',
    'all',
    { kind: 'slow-origin', rate: 4, for: 10_000, path: '/obj/1', delay: 9000 },
  ]);
  t.deepEqual(s.steps[2], { type: 'stop-attack', atMs: 10_000, attacks: ['flood'], source: { line: 7, column: 5, path: 'steps[2]' } });
  t.deepEqual(attackWindows(s.steps).map((a) => [a.step.id, a.endMs]), [['flood', 10_000], ['slow-origin', 16_000]]);
  t.is(s.durationMs, 18_000, 'the run lasts until the last attack is over, plus the usual tail');
  t.deepEqual(
    s.references.filter((r) => r.kind === 'botnet').map((r) => `${r.name} ${r.line}:${r.column} ${r.path}`),
    ['bots-west 5:53 steps[0].from[0]', 'bots-east 5:64 steps[0].from[1]'],
  );
});

test('the settings a step reads are the ones `attack start` reads for the same values', (t) => {
  for (const kind of ATTACK_KIND_NAMES) {
    const s = parseScenario(withSteps(`  - { at: 1s, attack: ${kind}, from: all, rate: 40/s, for: 2s }\n`), FILE);
    const step = s.steps[0];
    const cli = checkAttackFields(kind, { rate: '40/s', for: '2s' });
    t.true(cli.ok, kind);
    const given = cli.ok ? Object.fromEntries(Object.entries(cli.settings).filter(([, v]) => v !== undefined)) : undefined;
    t.deepEqual(step?.type === 'attack' ? step.settings : undefined, given, kind);
  }
});

test('stop-attack: all stops what is running; success-rate after an attack is measured from its start', (t) => {
  const s = parseScenario(
    withSteps(`  - { at: 2s, attack: http-flood, id: a, from: all, rate: 100/s, for: 3s }
  - { at: 3s, attack: cache-bust, id: b, from: all, rate: 100/s, for: 30s }
  - { at: 8s, expect: success-rate, min: 99% }
  - { at: 9s, stop-attack: all }
`),
    FILE,
  );
  t.deepEqual(s.steps[3]?.type === 'stop-attack' ? s.steps[3].attacks : [], ['b'], 'a stopped by itself at 5 s');
  const check = scheduleChecks(s).find((c) => c.expectation.kind === 'success-rate');
  t.is(check?.sinceMs, 3000);
});

test('the steady state after is measured once the last attack is over', (t) => {
  const s = parseScenario(
    withSteps('  - { at: 2s, attack: http-flood, from: all, rate: 100/s, for: 10s }\n', 'steady-state:\n  - { expect: success-rate, min: 99% }\n'),
    FILE,
  );
  const after = scheduleChecks(s, 13_000).find((c) => c.phase === 'after');
  t.is(after?.sinceMs, 12_000);
});

test('botnets are checked against the topology, with a suggestion', (t) => {
  const s = parseScenario(withSteps('  - { at: 1s, attack: http-flood, from: [bots-wst], rate: 100/s, for: 2s }\n'), FILE);
  const issues = checkScenarioAgainstTopology(s, MINI);
  t.deepEqual(issues.map((i) => `${i.line}:${i.column} ${i.path}`), ['5:42 steps[0].from[0]']);
  t.regex(issues[0]!.message, /no botnet `bots-wst` in the lab \(did you mean "bots-west"\?\); it has: bots-west, bots-east/);
});

test('attack expectations: share, spread, mitigated (one PoP or all), origin load; the attack is the latest one unless `of:` names it', (t) => {
  const s = parseScenario(
    withSteps(`  - { at: 2s, attack: http-flood, id: a, from: all, rate: 100/s, for: 20s }
  - { at: 3s, attack: cache-bust, id: b, from: [bots-west], rate: 100/s, for: 20s }
  - { at: 9s, expect: attack-share, of: a, pop: west, min: 30%, max: 70% }
  - { at: 9s, expect: attack-spread, min-jain: 0.9, max-over-mean: 1.3 }
  - { at: 9s, expect: mitigated, pop: all, within: 3s }
  - { at: 9s, expect: origin-load, max: 50/s }
`),
    FILE,
  );
  const expectations = s.steps.flatMap((step) => (step.type === 'expect' ? [step.expectation] : []));
  t.deepEqual(expectations, [
    { kind: 'attack-share', pop: 'west', minPercent: 30, maxPercent: 70, attack: 'a' },
    { kind: 'attack-spread', minJain: 0.9, maxOverMean: 1.3 },
    { kind: 'mitigated', pop: 'all', withinMs: 3000 },
    { kind: 'origin-load', maxRate: 50 },
  ]);
  const checks = scheduleChecks(s).filter((c) => c.phase === 'step');
  t.deepEqual(checks.map((c) => c.attackId), ['a', 'b', 'b', undefined]);
  t.is(checks[3]!.sinceMs, 3000, 'origin load since the latest attack started');
  t.deepEqual(s.references.filter((r) => r.kind === 'pop').map((r) => r.name), ['west'], '`pop: all` names no PoP');
});

const { rate, for: duration } = ATTACK_KINDS['http-flood'].fields;
const FLOOD = '  - { at: 1s, attack: http-flood, id: f, from: all, rate: 10/s, for: 9s }\n';
const BAD: Array<[string, string, number, string, RegExp]> = [
  ['an unknown attack kind', withSteps('  - { at: 1s, attack: http-flod, from: all, rate: 10/s, for: 2s }\n'), 5, 'steps[0].attack', /did you mean "http-flood"/],
  ['a rate above the registry\'s bound', withSteps(`  - { at: 1s, attack: http-flood, from: all, rate: ${rate.max + 1}/s, for: 2s }\n`), 5, 'steps[0].rate', new RegExp(`request rate from 1/s to ${rate.max}/s`)],
  ['a rate that is not one', withSteps('  - { at: 1s, attack: http-flood, from: all, rate: fast, for: 2s }\n'), 5, 'steps[0].rate', /such as 50\/s, got "fast"/],
  ['a duration beyond the bound', withSteps(`  - { at: 1s, attack: http-flood, from: all, rate: 10/s, for: ${duration.maxMs / 1000 + 1}s }\n`), 5, 'steps[0].for', /a duration from 100ms to 5m/],
  ['an attack without its duration', withSteps('  - { at: 1s, attack: http-flood, from: all, rate: 10/s }\n'), 5, 'steps[0].for', /missing required key "for" \(how long; the attack stops by itself/],
  ['an attack without its botnets', withSteps('  - { at: 1s, attack: http-flood, rate: 10/s, for: 2s }\n'), 5, 'steps[0].from', /missing required key "from"/],
  ['botnets that are not a list', withSteps('  - { at: 1s, attack: http-flood, from: bots-west, rate: 10/s, for: 2s }\n'), 5, 'steps[0].from', /`all` or a list of botnets/],
  ['too many sources', withSteps('  - { at: 1s, attack: http-flood, from: all, rate: 10/s, for: 2s, sources: 201 }\n'), 5, 'steps[0].sources', /whole number from 1 to 200/],
  ['a field the kind does not take', withSteps('  - { at: 1s, attack: syn-flood, from: all, rate: 10/s, for: 2s, path: /x }\n'), 5, 'steps[0].path', /unknown key "path" for a syn-flood attack \(expected one of: at, attack, id, from, rate, for, sources\)/],
  ['a path that is not one', withSteps('  - { at: 1s, attack: http-flood, from: all, rate: 10/s, for: 2s, path: obj }\n'), 5, 'steps[0].path', /a URL path starting with \//],
  ['an attack id used twice', withSteps('  - { at: 1s, attack: http-flood, from: all, rate: 10/s, for: 2s }\n  - { at: 2s, attack: http-flood, from: all, rate: 10/s, for: 2s }\n'), 6, 'steps[1].attack', /attack id `http-flood` is already used by steps\[0\]/],
  ['a stop of an attack already over', withSteps('  - { at: 1s, attack: http-flood, id: f, from: all, rate: 10/s, for: 2s }\n  - { at: 4s, stop-attack: f }\n'), 6, 'steps[1].stop-attack', /already ended at 3 s/],
  ['a stop of no attack', withSteps('  - { at: 1s, attack: http-flood, id: f, from: all, rate: 10/s, for: 9s }\n  - { at: 4s, stop-attack: g }\n'), 6, 'steps[1].stop-attack', /no attack `g` is running at 4 s \(running: f; or `stop-attack: all`\)/],
  ['a step that is an attack and a fault', withSteps('  - { at: 1s, attack: http-flood, fault: pop-crash, pop: west }\n'), 5, 'steps[0]', /exactly one of `fault`, `revert`, `attack`, `stop-attack`, `expect` \(found fault and attack\)/],
  ['an attack expectation with no attack before it', withSteps('  - { at: 5s, expect: mitigated, pop: all, within: 3s }\n'), 5, 'steps[0].expect', /mitigated is measured on an attack, and no attack comes before this step/],
  ['an attack expectation naming an unknown attack', withSteps(`${FLOOD}  - { at: 5s, expect: attack-share, of: g, pop: west, max: 50% }\n`), 6, 'steps[1].of', /no attack `g` before this step \(attacks so far: f\)/],
  ['an attack share without bounds', withSteps(`${FLOOD}  - { at: 5s, expect: attack-share, pop: west }\n`), 6, 'steps[1]', /needs `min` or `max`/],
  ['an attack spread without bounds', withSteps(`${FLOOD}  - { at: 5s, expect: attack-spread }\n`), 6, 'steps[1]', /needs `min-jain` or `max-over-mean`/],
  ['mitigated without a bound', withSteps(`${FLOOD}  - { at: 5s, expect: mitigated, pop: west }\n`), 6, 'steps[1].within', /missing required key "within"/],
  ['mitigated within a bound without its unit', withSteps(`${FLOOD}  - { at: 5s, expect: mitigated, pop: west, within: 3 }\n`), 6, 'steps[1].within', /expected a duration/],
  ['an origin load that is not a rate', withSteps(`${FLOOD}  - { at: 5s, expect: origin-load, max: lots }\n`), 6, 'steps[1].max', /request rate/],
  ['an attack expectation in the steady state', 'name: t\nlab: x\nsteady-state:\n  - { expect: mitigated, pop: all, within: 3s }\nsteps: []\n', 4, 'steady-state[0].expect', /put it in `steps`/],
  ['a run that ends while an attack runs', withSteps('  - { at: 1s, attack: http-flood, from: all, rate: 10/s, for: 20s }\n', 'duration: 10s\n'), 4, 'duration', /while attack `http-flood` \(steps\[0\]\) runs until 21 s/],
];

for (const [what, text, line, path, message] of BAD) {
  test(`invalid: ${what}`, (t) => {
    const issues = issuesOf(text);
    const issue = issues.find((i) => i.path === path && message.test(i.message));
    t.truthy(issue, `no issue at ${path} matching ${message}; got:\n${issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`).join('\n')}`);
    t.is(issue?.line, line);
    t.true((issue?.column ?? 0) > 0);
    t.is(issue?.file, FILE);
  });
}
