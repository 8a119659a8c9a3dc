import { readFileSync } from 'node:fs';
import test from 'ava';
import { formatSourceIssue, type SourceIssue } from '../../../orchestrator/src/errors.ts';
import { issuesOf } from '../../helpers/input-issues.ts';
import { parseTopology } from '../../../orchestrator/src/model/topology.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';

/** tests/fixtures/topologies/base.yaml with lines replaced (numbered from 1); lines past its end are appended. */
const BASE = readFileSync(new URL('../../fixtures/topologies/base.yaml', import.meta.url), 'utf8').trimEnd().split('\n');
function topology(lines: Record<number, string>): string {
  const result = [...BASE];
  for (const [number, text] of Object.entries(lines)) result[Number(number) - 1] = text;
  return result.join('\n') + '\n';
}
const scenario = (steps: string, head = ''): string => `name: t\nlab: ../mini.yaml\n${head}steps:\n${steps}`;

/** The one issue at `path`, as the CLI prints it. */
function printed(issues: SourceIssue[], path: string): string {
  const found = issues.filter((i) => i.path === path);
  if (found.length !== 1) throw new Error(`expected one issue at ${path}, got: ${issues.map(formatSourceIssue).join('; ')}`);
  return formatSourceIssue(found[0]!);
}

interface Mistake {
  readonly what: string;
  readonly topology: { readonly text: string; readonly path: string };
  readonly scenario: { readonly text: string; readonly path: string };
  /** Both printed issues match it: `FILE:LINE:COL: PATH: message`, the message worded the same way. */
  readonly reads: RegExp;
}

const MISTAKES: Mistake[] = [
  {
    what: 'an unknown key with a near miss',
    topology: { text: topology({ 18: '  - { name: west, upstreams: [t-west], sevrers: 2 }' }), path: 'pops[0].sevrers' },
    scenario: { text: scenario('  - { at: 5s, fault: pop-crash, pop: west, ip: 1 }\n', 'probe: { rte: 50/s }\n'), path: 'probe.rte' },
    reads: /^\S+\.yaml:\d+:\d+: [\w.[\]-]+: unknown key "\w+" for (a PoP|probe) \(did you mean "\w+"\?\)$/,
  },
  {
    what: 'an unknown key with nothing close',
    topology: { text: topology({ 26: 'colour: blue' }), path: 'colour' },
    scenario: { text: scenario('  - { at: 5s, fault: pop-crash, pop: west, colour: blue }\n'), path: 'steps[0].colour' },
    reads: /^\S+\.yaml:\d+:\d+: [\w.[\]-]+: unknown key "colour" for (a topology|a pop-crash fault) \(expected one of: [\w-]+(, [\w-]+)*\)$/,
  },
  {
    what: 'a missing required key',
    topology: { text: topology({ 13: '  - { name: t-west }' }), path: 'transits[0].asn' },
    scenario: { text: scenario('  - { at: 5s, fault: pop-crash }\n'), path: 'steps[0].pop' },
    reads: /^\S+\.yaml:\d+:\d+: [\w.[\]-]+: missing required key "(asn|pop)"( \(.+\))?$/,
  },
  {
    what: 'a required key without a value',
    topology: { text: topology({ 10: '  asn:' }), path: 'edge.asn' },
    scenario: { text: scenario('  - { at: 5s, fault: pop-crash, pop: }\n'), path: 'steps[0].pop' },
    reads: /^\S+\.yaml:\d+:\d+: [\w.[\]-]+: missing a value for required key "(asn|pop)"( \(.+\))?$/,
  },
  {
    what: 'a word where a whole number belongs',
    topology: { text: topology({ 18: '  - { name: west, upstreams: [t-west], servers: many }' }), path: 'pops[0].servers' },
    scenario: { text: scenario('  - { at: 5s, fault: flap, link: a--b, count: many, period: 2s }\n'), path: 'steps[0].count' },
    reads: /^\S+\.yaml:\d+:\d+: [\w.[\]-]+: expected a whole number from 1 to \d+, got "many"$/,
  },
  {
    what: 'a duration without its unit',
    topology: { text: topology({ 16: '  - { between: [t-west, t-east], delay: 20 }' }), path: 'links[0].delay' },
    scenario: { text: scenario('  - { at: 5, fault: pop-crash, pop: west }\n'), path: 'steps[0].at' },
    reads: /^\S+\.yaml:\d+:\d+: [\w.[\]-]+: expected a duration from 0ms to \w+, such as 500ms or 2s, got \d+$/,
  },
  {
    what: 'a list where a map belongs',
    topology: { text: topology({ 9: 'edge: [64500]', 10: '', 11: '' }), path: 'edge' },
    scenario: { text: scenario('  []\n', 'probe: [all]\n'), path: 'probe' },
    reads: /^\S+\.yaml:\d+:\d+: [\w.[\]-]+: expected a map \(.+\), got a list$/,
  },
  {
    what: 'a map where a list belongs',
    topology: { text: topology({ 24: 'botnet: { name: bots-west }', 25: '' }), path: 'botnet' },
    scenario: { text: `name: t\nlab: ../mini.yaml\nsteps: { at: 5s }\n`, path: 'steps' },
    reads: /^\S+\.yaml:\d+:\d+: [\w.[\]-]+: expected a list of (botnets|steps), got a map$/,
  },
  {
    what: 'a key given twice',
    topology: { text: topology({ 26: 'lab: other' }), path: 'lab' },
    scenario: { text: scenario('  []\n', 'lab: other\n'), path: 'lab' },
    reads: /^\S+\.yaml:\d+:\d+: lab: duplicate key "lab" \(first given on line \d+\)$/,
  },
  {
    what: 'a misspelt choice',
    topology: { text: topology({ 7: '  timers: datacentre' }), path: 'bgp.timers' },
    scenario: { text: scenario('  - { at: 5s, expect: bgp-session, router: a, peer: b, state: establshed }\n'), path: 'steps[0].state' },
    reads: /^\S+\.yaml:\d+:\d+: [\w.[\]-]+: expected .+, got "\w+" \(did you mean "\w+"\?\)$/,
  },
];

for (const mistake of MISTAKES) {
  test(`${mistake.what}: a topology and a scenario say it alike`, (t) => {
    const inTopology = printed(issuesOf(() => parseTopology(mistake.topology.text, 'topology/bad.yaml')), mistake.topology.path);
    const inScenario = printed(issuesOf(() => parseScenario(mistake.scenario.text, 'topology/scenarios/bad.yaml')), mistake.scenario.path);
    t.regex(inTopology, mistake.reads);
    t.regex(inScenario, mistake.reads);
  });
}

test('a missing key reads the same in both, word for word, apart from the hint a scenario adds', (t) => {
  const inTopology = printed(issuesOf(() => parseTopology(topology({ 18: '  - { name: west, servers: 2 }' }), 'a.yaml')), 'pops[0].upstreams');
  const inScenario = printed(issuesOf(() => parseScenario(scenario('  - { at: 5s, fault: pop-crash }\n'), 'a.yaml')), 'steps[0].pop');
  t.is(inTopology.replace(/^a\.yaml:\d+:\d+: \S+ /, ''), 'missing required key "upstreams"');
  t.is(inScenario.replace(/^a\.yaml:\d+:\d+: \S+ /, '').replace(/ \(.*\)$/, ''), 'missing required key "pop"');
});
