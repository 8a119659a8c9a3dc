import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { FaultStore } from '../../orchestrator/src/chaos/faults/fault-store.ts';
import { revertRecordedFaults } from '../../orchestrator/src/chaos/faults/fault-controller.ts';
import { loadSuite } from '../../orchestrator/src/chaos/run-suite.ts';
import { listLabs } from '../../orchestrator/src/lab/down.ts';
import type { SuiteReport } from '../../orchestrator/src/report/suite-report.ts';
import { E2E_POOLS, removeE2eLab, runtime } from '../helpers/e2e.ts';
import { ROOT } from '../helpers/topologies.ts';

const LAB = 'e2e-suite';
const SUITE_ARGS = `--lab ${LAB} --pool ${E2E_POOLS.suite} --no-build`;

test.after.always(async () => {
  await revertRecordedFaults(runtime, new FaultStore(LAB)).catch(() => undefined);
  await removeE2eLab(LAB);
});

const REPEAT = 2;

test.serial('the CI example runs the quick suite with repeats on one shared lab and writes one JUnit and one JSON', async (t) => {
  // What the CI example's default suite runs: the shipped scenarios tagged quick, read as the suite reads them.
  const plan = await loadSuite([`${ROOT}topology/scenarios`], { repeat: REPEAT, only: ['quick'] });
  t.is(plan.groups.length, 1, 'the quick scenarios share one lab');
  const quick = plan.groups[0]!.scenarios.map((s) => s.name);
  t.true(quick.length >= 2, quick.join(', '));
  const out = await mkdtemp(join(tmpdir(), 'suite-'));
  t.teardown(() => rm(out, { recursive: true, force: true }));
  const run = await execa(`${ROOT}examples/ci/run-suite.sh`, [], {
    env: { SUITE_TAGS: 'quick', SUITE_REPEAT: String(REPEAT), SUITE_OUT: out, SUITE_ARGS },
    reject: false,
  });
  t.log(run.stdout);
  t.not(run.exitCode, 3, run.stderr);
  // The lab came up once (containers created in the first run only) and --down removed it after.
  t.is(run.stderr.match(new RegExp(`lab ${LAB}: \\d+ containers on \\d+ networks`, 'g'))?.length, 1, run.stderr);
  t.is(run.stderr.match(/already up with \d+ containers; nothing to change/g)?.length, plan.runs - 1);
  t.regex(run.stderr, new RegExp(`suite ${plan.runs}/${plan.runs}: .*repeat ${REPEAT}/${REPEAT}, about .* left at this pace`));
  t.false((await listLabs(runtime)).includes(LAB));

  const report = JSON.parse(await readFile(join(out, 'chaos-suite.json'), 'utf8')) as SuiteReport;
  t.deepEqual(report.scenarios.map((s) => s.scenario), quick);
  t.is(report.runs, plan.runs);
  for (const s of report.scenarios) {
    t.is(s.runs, REPEAT, s.scenario);
    t.is(s.reports.length, REPEAT);
    t.true(s.expectations.length > 0 && s.expectations.every((e) => e.runs === REPEAT));
    const lost = s.figures.find((f) => f.name === 'lost' && f.client === 'users-west');
    t.truthy(lost, `${s.scenario} has a lost figure for users-west`);
    t.true(lost!.min <= lost!.p50 && lost!.p50 <= lost!.p95 && lost!.p95 <= lost!.max);
  }
  // Exit code as documented: 0 when nothing failed in every run, 1 otherwise.
  t.is(run.exitCode, report.scenarios.some((s) => s.verdict === 'fail') ? 1 : 0);
  const junit = await readFile(join(out, 'chaos-suite.xml'), 'utf8');
  t.deepEqual([...junit.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]), quick);
});

test.serial('a failing scenario fails the suite with exit 1 while the other scenario is still reported', async (t) => {
  const out = await mkdtemp(join(tmpdir(), 'suite-'));
  t.teardown(() => rm(out, { recursive: true, force: true }));
  const run = await execa(
    'node',
    [
      `${ROOT}orchestrator/bin/anycast-lab.mjs`, 'chaos', 'run',
      `${ROOT}topology/scenarios/mini-failing-expectation.yaml`, `${ROOT}topology/scenarios/mini-pop-drain.yaml`,
      ...SUITE_ARGS.split(' '), '--down', '--json', join(out, 'suite.json'), '--junit', join(out, 'suite.xml'),
    ],
    { reject: false },
  );
  t.log(run.stdout);
  t.is(run.exitCode, 1, run.stderr);
  const report = JSON.parse(await readFile(join(out, 'suite.json'), 'utf8')) as SuiteReport;
  t.false(report.passed);
  // The failing scenario fails on the expectation it is written to fail; the drain after it still ran and
  // is reported with its own verdict (whether a drain is lossless is the chaos e2e's question, not this one's).
  t.deepEqual(report.scenarios.map((s) => s.scenario), ['mini-failing-expectation', 'mini-pop-drain']);
  const [failing, drain] = report.scenarios as [SuiteReport['scenarios'][number], SuiteReport['scenarios'][number]];
  t.is(failing.verdict, 'fail');
  t.deepEqual(failing.reports[0]!.expectations.filter((e) => !e.passed).map((e) => e.observed), ['east']);
  t.log(`mini-pop-drain: ${drain.verdict}`);
  t.true(drain.reports.length === 1 && drain.expectations.length > 0 && drain.expectations.every((e) => e.runs === 1));
  t.regex(run.stdout, /mini-failing-expectation\s+FAIL/);
  t.regex(await readFile(join(out, 'suite.xml'), 'utf8'), /<testsuite name="mini-pop-drain"/);
});
