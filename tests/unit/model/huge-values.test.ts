import { readFileSync } from 'node:fs';
import test from 'ava';
import type { SourceIssue } from '../../../orchestrator/src/errors.ts';
import { issuesOf } from '../../helpers/input-issues.ts';
import { parseTopology } from '../../../orchestrator/src/model/topology.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';

const HUGE = '9'.repeat(400);
const BASE = readFileSync(new URL('../../fixtures/topologies/base.yaml', import.meta.url), 'utf8').trimEnd().split('\n');

function assertRefusedBriefly(t: import('ava').ExecutionContext, issues: SourceIssue[], path: string, expected: RegExp): void {
  const issue = issues.find((i) => i.path === path);
  if (issue === undefined) return t.fail(`no issue at ${path}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  t.regex(issue.message, expected);
  t.true(issue.message.length < 200, `the message quotes at most ~60 characters of the value: ${issue.message.length} characters`);
  t.true(issue.line > 0 && issue.column > 0);
}

test('a 400-digit duration in a topology is refused, not read as Infinity, and not quoted whole', (t) => {
  const lines = [...BASE];
  lines[15] = `  - { between: [t-west, t-east], delay: ${HUGE}ms }`;
  assertRefusedBriefly(t, issuesOf(() => parseTopology(lines.join('\n'), 'bad.yaml')), 'links[0].delay', /expected a duration from 0ms to 10s/);
});

test('a 400-digit number and a 400-digit duration in a scenario are refused the same way', (t) => {
  const text = `name: t\nlab: ../mini.yaml\nsteps:\n  - { at: ${HUGE}s, fault: flap, link: a--b, count: ${HUGE}, period: 2s }\n`;
  const issues = issuesOf(() => parseScenario(text, 'topology/scenarios/t.yaml'));
  assertRefusedBriefly(t, issues, 'steps[0].at', /expected a duration from 0ms to 1h|expected a duration from 0ms to 60m/);
  assertRefusedBriefly(t, issues, 'steps[0].count', /expected a whole number from 1 to 100, got 9{20,60}\.\.\. \(400 characters\)/);
});
