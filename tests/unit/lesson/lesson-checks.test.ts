import test from 'ava';
import type { LabStatus } from '../../../orchestrator/src/lab/status.ts';
import { evaluateCheck, matchesExpected, type LabView, type NamedCheck } from '../../../orchestrator/src/lesson/lesson-checks.ts';
import { parseLesson } from '../../../orchestrator/src/lesson/read-lesson.ts';
import { runChecks, type CheckClock } from '../../../orchestrator/src/lesson/run-checks.ts';

function status(over: Partial<LabStatus> = {}): LabStatus {
  return {
    lab: 'mini',
    nodes: [{ name: 'west', role: 'pop-router', state: 'running' }, { name: 'west-edge-1', role: 'edge', state: 'exited' }],
    bgp: [
      { router: 't-west', peer: '198.19.1.3', peerName: 'west', state: 'Established', prefixesReceived: 1 },
      { router: 't-west', peer: '198.19.1.11', peerName: 't-east', state: 'Idle', prefixesReceived: 0 },
    ],
    catchment: [
      { client: 'users-west', probe: 'users-west-probe-1', outcome: 'ok', pop: 'west', server: 'edge-1', latencyMs: 3 },
      { client: 'users-east', probe: 'users-east-probe-1', outcome: 'ok', pop: 'east', server: 'edge-2', latencyMs: 3 },
      { client: 'users-east', probe: 'users-east-probe-2', outcome: 'timeout' },
    ],
    impairments: [],
    ...over,
  };
}

const view = (s: LabStatus = status(), landsOn: [string, string | null][] = []): LabView => ({ status: s, landsOn: new Map(landsOn) });

test('expected values: a name, `not NAME` or `any`; nothing seen never matches', (t) => {
  t.true(matchesExpected('west', 'west'));
  t.false(matchesExpected('west', 'east'));
  t.true(matchesExpected('not west', 'east'));
  t.false(matchesExpected('not west', 'west'));
  t.true(matchesExpected('any', 'east'));
  t.false(matchesExpected('not west', null));
});

test('catchment: every probe of the client must agree', (t) => {
  t.deepEqual(evaluateCheck({ kind: 'catchment', client: 'users-west', pop: 'west' }, view()), { passed: true, observed: 'west' });
  t.deepEqual(evaluateCheck({ kind: 'catchment', client: 'users-west', pop: 'not west' }, view()), { passed: false, observed: 'west' });
  t.like(evaluateCheck({ kind: 'catchment', client: 'users-east', pop: 'east' }, view()), { passed: false, observed: 'probes disagree: east, (timeout)' });
  t.like(evaluateCheck({ kind: 'catchment', client: 'nobody', pop: 'any' }, view()), { passed: false, observed: 'no probe of this client in the lab' });
});

test('bgp, prefixes and node checks read the status; a peer is named by node or address', (t) => {
  t.true(evaluateCheck({ kind: 'bgp', router: 't-west', peer: 'west', state: 'Established' }, view()).passed);
  t.true(evaluateCheck({ kind: 'bgp', router: 't-west', peer: '198.19.1.11', state: 'not Established' }, view()).passed);
  t.like(evaluateCheck({ kind: 'bgp', router: 't-west', peer: 'nobody', state: 'not Established' }, view()), { passed: false, observed: 'no such session' });
  t.true(evaluateCheck({ kind: 'prefixes', router: 't-west', peer: 'west', min: 1 }, view()).passed);
  t.like(evaluateCheck({ kind: 'prefixes', router: 't-west', peer: 't-east', min: 1 }, view()), { passed: false, observed: '0 prefixes' });
  t.like(evaluateCheck({ kind: 'node', node: 'west-edge-1', state: 'running' }, view()), { passed: false, observed: 'exited' });
});

test('explain reads where the best path ends', (t) => {
  t.true(evaluateCheck({ kind: 'explain', client: 'users-west', pop: 'east' }, view(status(), [['users-west', 'east']])).passed);
  t.like(evaluateCheck({ kind: 'explain', client: 'users-west', pop: 'any' }, view(status(), [['users-west', null]])), { passed: false, observed: 'reaches no PoP' });
});

function fakeClock(): CheckClock & { slept: number } {
  let now = 0;
  return {
    slept: 0,
    now: () => now,
    async sleep(ms) {
      now += ms;
      this.slept += ms;
    },
  };
}

const named = (check: NamedCheck['check'], waitMs: number): NamedCheck => ({ name: 'c', check, waitMs, pass: 'yes', fail: 'no' });

test('checks are retried until they pass, or fail with the fail message once their wait is over', async (t) => {
  const views = [view(), view(), view(status({ catchment: [{ client: 'users-west', probe: 'p', outcome: 'ok', pop: 'east' }] }))];
  let reads = 0;
  const clock = fakeClock();
  const results = await runChecks(
    [named({ kind: 'catchment', client: 'users-west', pop: 'east' }, 10_000), named({ kind: 'node', node: 'west-edge-1', state: 'running' }, 3000)],
    async () => views[Math.min(reads++, views.length - 1)]!,
    { clock },
  );
  t.like(results[0], { passed: true, message: 'yes', observed: 'east', waitedMs: 2000 });
  t.like(results[1], { passed: false, message: 'no', observed: 'exited', waitedMs: 3000 });
});

test('a lesson file declares its checks; mistakes name the file and the check', (t) => {
  const lesson = parseLesson(
    `---\nlesson: 3\ntitle: T\ntopology: topology/mini.yaml\nchecks:\n  - { name: n, bgp: t-west, peer: west, state: Idle, wait: 5s, pass: p, fail: f }\n---\n# body\n`,
    'docs/lessons/03-x.md',
  );
  t.is(lesson.number, 3);
  t.deepEqual(lesson.checks, [{ name: 'n', check: { kind: 'bgp', router: 't-west', peer: 'west', state: 'Idle' }, waitMs: 5000, pass: 'p', fail: 'f' }]);
  const bad = (checks: string) => () => parseLesson(`---\nlesson: 1\ntitle: T\ntopology: x\nchecks:\n  - ${checks}\n---\n`, 'f.md');
  t.throws(bad('{ name: n, pass: p, fail: f }'), { message: /f\.md: checks\[0\]: name exactly one of catchment/ });
  t.throws(bad('{ name: n, catchment: c, pop: p, wait: soon, pass: p, fail: f }'), { message: /checks\[0\]: `wait` must be a duration/ });
  t.throws(bad('{ name: n, catchment: c, pass: p, fail: f }'), { message: /checks\[0\]: `pop` must be a non-empty string/ });
  t.throws(() => parseLesson('# no front block\n', 'g.md'), { message: /g\.md: a lesson starts with a YAML front block/ });
});

const REPORT = {
  passed: true,
  clients: [{ name: 'users-west', before: 'west', after: 'east', convergence_ms: 312 }],
  attacks: [{ id: 'flood', spread: { jain: 0.999 }, pops: [{ name: 'west', share: 0.5 }, { name: 'east', share: 0.5 }] }],
};
const reportView = (file: string, report: unknown): LabView => ({ ...view(), reports: new Map([[file, { json: report }]]) });

test('report checks read a figure of a run by its path: list elements by name or id, bounds or an exact text', (t) => {
  const check = (figure: string, bounds: { min?: number; max?: number; is?: string }) => evaluateCheck({ kind: 'report', file: 'run.json', figure, ...bounds }, reportView('run.json', REPORT));
  t.deepEqual(check('attacks.flood.spread.jain', { min: 0.9 }), { passed: true, observed: '0.999' });
  t.deepEqual(check('attacks.flood.pops.west.share', { min: 0.95 }), { passed: false, observed: '0.5' });
  t.deepEqual(check('clients.users-west.convergence_ms', { max: 1000 }), { passed: true, observed: '312' });
  t.deepEqual(check('clients.users-west.after', { is: 'east' }), { passed: true, observed: 'east' });
  t.deepEqual(check('clients.0.after', { is: 'west' }), { passed: false, observed: 'east' });
  t.deepEqual(check('attacks.bust.spread.jain', { min: 0.9 }), { passed: false, observed: 'no `bust` under `attacks`' });
  t.deepEqual(check('clients.users-west', { min: 1 }), { passed: false, observed: '{"name":"users-west","before":"west","after":"east","convergence_ms":312} (not a number)' });
  t.deepEqual(check('constructor', { min: 0 }), { passed: false, observed: 'no `constructor` in the report' }, 'only own fields');
});

test('a report check on a file not there yet says which command writes it; a bad report check names file and check', (t) => {
  const missing = evaluateCheck({ kind: 'report', file: 'run.json', figure: 'passed', is: 'true' }, { ...view(), reports: new Map([['run.json', { error: 'run.json does not exist' }]]) });
  t.deepEqual(missing, { passed: false, observed: 'run.json does not exist' });
  const bad = (checks: string) => () => parseLesson(`---\nlesson: 1\ntitle: T\ntopology: x\nchecks:\n  - ${checks}\n---\n`, 'f.md');
  t.throws(bad('{ name: n, report: run.json, figure: passed, pass: p, fail: f }'), { message: /f\.md: checks\[0\]: a report check needs `min`, `max` or `is`/ });
  t.throws(bad('{ name: n, report: run.json, figure: passed, min: lots, pass: p, fail: f }'), { message: /f\.md: checks\[0\]: `min` must be a number/ });
  const parsed = parseLesson(`---\nlesson: 1\ntitle: T\ntopology: x\nchecks:\n  - { name: n, report: run.json, figure: attacks.flood.spread.jain, min: 0.8, pass: p, fail: f }\n---\n`, 'f.md');
  t.deepEqual(parsed.checks[0]!.check, { kind: 'report', file: 'run.json', figure: 'attacks.flood.spread.jain', min: 0.8 });
});
