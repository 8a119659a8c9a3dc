import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa, type ResultPromise } from 'execa';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Mark } from '../../orchestrator/src/dashboard/dashboard-api.ts';
import { buildTopologyGraph } from '../../orchestrator/src/graph/topology-graph.ts';
import { E2E_POOLS, e2eTopology, removeE2eLab, upE2eLab } from '../helpers/e2e.ts';
import { ROOT } from '../helpers/topologies.ts';

const LAB = 'e2e-browser';
const POOL = E2E_POOLS.browser;
const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
const CLI = join(ROOT, 'orchestrator', 'bin', 'anycast-lab.mjs');
const WAIT_MS = 60_000;

let dashboard: ResultPromise | undefined;
let browser: Browser | undefined;
let url = '';

/** The chromium to drive: $CHROMIUM, else Debian's (images/setup/ensure-browser.sh installs it). */
async function chromiumPath(): Promise<string> {
  if (process.env['CHROMIUM']) return process.env['CHROMIUM'];
  const { stdout } = await execa('bash', [join(ROOT, 'images', 'setup', 'ensure-browser.sh')]);
  return stdout.trim().split('\n').at(-1)!;
}

/** Starts `anycast-lab dashboard` on a free port, as a user would, and reads its address from what it prints. */
async function startDashboard(): Promise<string> {
  const child = execa('node', [CLI, 'dashboard', 'topology/mini.yaml', '--lab', LAB, '--port', '0'], { cwd: ROOT, reject: false, buffer: false });
  dashboard = child;
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the dashboard printed no address in 60 s: ${out}`)), WAIT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void child.then((result) => reject(new Error(`the dashboard exited (${result.exitCode}): ${out}`)));
  });
}

test.before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await upE2eLab(await e2eTopology('mini', { lab: LAB, pool: POOL }));
  url = await startDashboard();
  browser = await chromium.launch({ executablePath: await chromiumPath(), args: ['--no-sandbox'] });
});

test.after.always(async () => {
  await browser?.close().catch(() => undefined);
  dashboard?.kill('SIGTERM');
  await dashboard?.catch(() => undefined);
  await execa('node', [CLI, 'fault', 'revert', '--all', '--force', '--lab', LAB], { cwd: ROOT, reject: false });
  await removeE2eLab(LAB);
});

const popOf = (page: Page, client: string) => page.locator(`#catchment tr[data-client="${client}"] td.pop`);

async function confirmEveryDialog(page: Page): Promise<string[]> {
  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  return asked;
}

test.serial('the dashboard draws every node, shows a crash move users-west to east, and the revert move it back', async (t) => {
  const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const asked = await confirmEveryDialog(page);
  await page.goto(`${url}/`);

  const graph = buildTopologyGraph(await e2eTopology('mini', { lab: LAB, pool: POOL }));
  const drawn = await page.locator('#graph[data-nodes]').getAttribute('data-nodes', { timeout: WAIT_MS });
  t.deepEqual(drawn!.split(' '), graph.nodes.map((n) => n.id).sort(), 'every node of the topology is drawn');
  await page.locator('#status').filter({ hasText: /^live/ }).waitFor({ timeout: WAIT_MS });
  await t.notThrowsAsync(popOf(page, 'users-west').filter({ hasText: 'west' }).waitFor({ timeout: WAIT_MS }));
  await page.screenshot({ path: join(ARTIFACTS, 'dashboard-before-crash.png'), fullPage: true });

  await page.selectOption('#fault-kind', 'pop-crash');
  await page.fill('#fault-target', 'west');
  await page.click('#fault-form button[type=submit]');
  await popOf(page, 'users-west').filter({ hasText: 'east' }).waitFor({ timeout: WAIT_MS });
  t.regex(asked[0] ?? '', /^Inject pop-crash west\?/, 'the button asked first');
  await page.locator('#message').filter({ hasText: 'in force as' }).waitFor({ timeout: WAIT_MS });
  // What the page recorded (window.anycastLab): when it drew each client's new PoP, and the marks it got.
  const probe = (await page.evaluate('window.anycastLab')) as { shownAt: Record<string, number>; marks: Mark[] };
  const move = probe.marks.find((m) => m.kind === 'catchment' && m.client === 'users-west' && m.to === 'east');
  const seen = { shownAt: probe.shownAt['users-west'] ?? null, move: move ?? null, faults: probe.marks.filter((m) => m.kind === 'fault').length };
  t.truthy(seen.move, 'the timeline marks the move');
  t.is(seen.faults, 1, 'and the fault');
  t.log(`users-west moved to east ${seen.move?.since_fault_ms ?? '?'} ms after the fault was seen; on screen ${seen.shownAt! - seen.move!.at_ms} ms after the probes saw it`);
  await page.screenshot({ path: join(ARTIFACTS, 'dashboard-after-crash.png'), fullPage: true });

  await page.click('#in-force button[data-revert]');
  await popOf(page, 'users-west').filter({ hasText: 'west' }).waitFor({ timeout: WAIT_MS });
  t.regex(asked[1] ?? '', /^Take back pop-crash west\?/);
  await page.locator('#in-force button[data-revert]').waitFor({ state: 'detached', timeout: WAIT_MS });
  t.deepEqual(errors, [], 'no error on the page');
  await page.close();
});

test.serial('an action from another site is refused, and nothing is injected', async (t) => {
  const answer = await fetch(`${url}/api/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://attacker.example' },
    body: JSON.stringify({ kind: 'pop-crash', target: ['west'], fields: {} }),
  });
  t.is(answer.status, 403);
  const list = await execa('node', [CLI, 'fault', 'list', '--lab', LAB, '--json'], { cwd: ROOT });
  t.deepEqual((JSON.parse(list.stdout) as { faults: unknown[] }).faults, [], 'no fault was injected');
});
