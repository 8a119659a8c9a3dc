import test from 'ava';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSuiteFiles } from '../../../orchestrator/src/chaos/suite-files.ts';
import { estimateRemainingMs, planSuite } from '../../../orchestrator/src/chaos/suite-plan.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';

const scenario = (name: string, lab: string, tags: readonly string[] = []) =>
  parseScenario(`name: ${name}\nlab: ${lab}\ntags: [${tags.join(', ')}]\nsteps:\n  - { at: 1s, expect: success-rate, min: 99% }\n`, `/s/${name}.yaml`);

test('scenarios are grouped by lab in the order first given, so each lab comes up once', (t) => {
  const plan = planSuite(
    [scenario('a', '/t/world.yaml'), scenario('b', '/t/mini.yaml'), scenario('c', '/t/world.yaml'), scenario('d', '/t/mini.yaml')],
    { repeat: 3 },
  );
  t.deepEqual(plan.groups.map((g) => [g.topology, g.scenarios.map((s) => s.name)]), [
    ['/t/world.yaml', ['a', 'c']],
    ['/t/mini.yaml', ['b', 'd']],
  ]);
  t.is(plan.runs, 12);
  t.deepEqual(plan.left_out, []);
});

test('--only keeps the scenarios with one of the tags and says why the others were left out', (t) => {
  const plan = planSuite([scenario('a', '/t/mini.yaml', ['quick']), scenario('b', '/t/world.yaml', ['long']), scenario('c', '/t/mini.yaml', ['quick', 'mini'])], {
    repeat: 1,
    only: ['quick'],
  });
  t.deepEqual(plan.groups.map((g) => g.scenarios.map((s) => s.name)), [['a', 'c']]);
  t.deepEqual(plan.left_out, [{ file: '/s/b.yaml', reason: 'no tag quick (tags: long)' }]);
});

test('a scenario named twice runs once', (t) => {
  const a = scenario('a', '/t/mini.yaml');
  t.is(planSuite([a, a], { repeat: 2 }).runs, 2);
});

test('bad tags are refused with their position', (t) => {
  const error = t.throws(() => parseScenario('name: x\nlab: m.yaml\ntags: [ok, "Not A Tag"]\nsteps:\n  - { at: 1s, expect: success-rate, min: 99% }\n', 'x.yaml'));
  t.regex(error!.message, /x\.yaml:3:\d+: tags\[1\]: "Not A Tag" is not a tag/);
});

test('time left is the mean run so far times the runs to go', (t) => {
  t.is(estimateRemainingMs([], 4), undefined);
  t.is(estimateRemainingMs([10_000, 20_000], 3), 45_000);
});

test('a directory means its scenario files, in name order; topologies and READMEs beside them are not scenarios', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'suite-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'b.yaml'), 'name: b\nlab: x.yaml\nsteps: []\n');
  await writeFile(join(dir, 'a.yaml'), 'name: a\nlab: x.yaml\nsteady-state: []\nsteps: []\n');
  await writeFile(join(dir, 'topology.yaml'), 'lab: x\ntransits: []\n');
  await writeFile(join(dir, 'README.md'), '# not yaml\n');
  const files = await readSuiteFiles([dir, join(dir, 'b.yaml')]);
  t.deepEqual(files.map((f) => f.file), [join(dir, 'a.yaml'), join(dir, 'b.yaml'), join(dir, 'b.yaml')]);
  t.regex(files[0]!.text, /^name: a\n/);
  await t.throwsAsync(readSuiteFiles([join(dir, 'missing')]), { message: /missing.*cannot read/s });
});
