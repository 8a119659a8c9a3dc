import test from 'ava';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { EXIT } from '../../../orchestrator/src/cli/exit-codes.ts';
import { attackControls, faultControls } from '../../../orchestrator/src/cli/dashboard-controls.ts';
import { ATTACK_KIND_NAMES } from '../../../contracts/attack-kinds.ts';
import { FAULT_KINDS } from '../../../orchestrator/src/faults/registry.ts';
import { buildRunReport } from '../../../orchestrator/src/report/build-run-report.ts';
import { renderReportJson } from '../../../orchestrator/src/report/render-report-json.ts';
import { ROOT } from '../../helpers/topologies.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { run, scenario } from '../report/run-fixture.ts';
import { runCli } from './capture.ts';

test('the buttons offer every fault kind and every attack kind of the registries, with their fields', (t) => {
  t.deepEqual(faultControls().map((c) => c.kind), [...FAULT_KINDS]);
  t.deepEqual(attackControls().map((c) => c.kind), [...ATTACK_KIND_NAMES]);
  const impair = faultControls().find((c) => c.kind === 'link-impair')!;
  t.is(impair.target, 'A--B');
  t.true(impair.fields.some((f) => f.name === 'delay' && f.hint !== ''));
  t.true(attackControls().every((c) => c.fields.some((f) => f.name === 'rate')));
});

test.serial('dashboard: bad flags and a replay file that is not a run report are clear errors', async (t) => {
  const dir = tempDir(t, 'dashboard');
  const port = await runCli(['dashboard', '--replay', 'x.json', '--port', '99999']);
  t.is(port.code, EXIT.usage);
  t.regex(port.stderr, /--port 99999: expected a TCP port/);
  const speed = await runCli(['dashboard', '--speed', '2']);
  t.is(speed.code, EXIT.usage);
  t.regex(speed.stderr, /--speed goes with --replay/);
  const host = await runCli(['dashboard', '--replay', 'x.json', '--host', 'evil.example']);
  t.regex(host.stderr, /--host evil\.example: expected an address/);
  const notReport = join(dir, 'not-a-report.json');
  writeFileSync(notReport, '{"hello": 1}');
  const wrong = await runCli(['dashboard', '--replay', notReport]);
  t.is(wrong.code, EXIT.usage);
  t.regex(wrong.stderr, /not-a-report\.json is not a chaos run report: missing or wrong scenario/);
  const missing = await runCli(['dashboard', '--replay', join(dir, 'nope.json')]);
  t.regex(missing.stderr, /cannot read .*nope\.json/);
});

test.serial('dashboard: a port in use is named', async (t) => {
  const dir = tempDir(t, 'dashboard');
  const file = join(dir, 'run.json');
  writeFileSync(file, renderReportJson(buildRunReport({ scenario, timeline: run, results: [], pops: ['west', 'east'] })));
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.teardown(() => blocker.close());
  const { port } = blocker.address() as AddressInfo;
  const busy = await runCli(['dashboard', `${ROOT}topology/mini.yaml`, '--replay', file, '--port', String(port)]);
  t.is(busy.code, EXIT.usage);
  t.regex(busy.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
});
