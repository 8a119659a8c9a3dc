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
  await execa('node', [CLI, 'attack', 'stop', '--all', '--lab', LAB], { cwd: ROOT, reject: false });
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

test.serial('the attack button floods from bots-west: west shows attack requests per second; Stop ends it', async (t) => {
  const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
  const asked = await confirmEveryDialog(page);
  await page.goto(`${url}/`);
  await page.locator('#status').filter({ hasText: /^live/ }).waitFor({ timeout: WAIT_MS });
  await page.selectOption('#attack-kind', 'http-flood');
  await page.selectOption('#attack-from', 'bots-west');
  await page.fill('#attack-fields input[name="rate"]', '100/s');
  await page.fill('#attack-fields input[name="for"]', '60s');
  await page.click('#attack-form button[type=submit]');
  t.regex(asked[0] ?? '', /^Start http-flood from bots-west\?/);
  await page.locator('#message').filter({ hasText: 'http-flood from' }).waitFor({ timeout: WAIT_MS });
  // attack/s is the table's third column (redrawn at every snapshot); it counts once the bots have answered twice.
  const westAttack = page.locator('#load tr[data-pop="west"] td:nth-child(3)');
  await page.waitForFunction(`Number(document.querySelector('#load tr[data-pop="west"] td:nth-child(3)')?.textContent ?? '0') > 0`, undefined, { timeout: WAIT_MS });
  const east = Number(await page.locator('#load tr[data-pop="east"] td:nth-child(3)').textContent());
  t.log(`west answered ${await westAttack.textContent()} attack requests/s, east ${east}`);
  t.is(east, 0, 'bots-west land on west only');
  await page.screenshot({ path: join(ARTIFACTS, 'dashboard-attack.png'), fullPage: true });
  await page.click('#in-force button[data-stop]');
  await page.locator('#in-force button[data-stop]').waitFor({ state: 'detached', timeout: WAIT_MS });
  const list = await execa('node', [CLI, 'attack', 'list', '--lab', LAB, '--json'], { cwd: ROOT });
  t.deepEqual((JSON.parse(list.stdout) as { attacks: { state: string }[] }).attacks.map((a) => a.state), ['finished'], 'the attack is over');
  await page.close();
});

test.serial('dashboard of a lab that is not up: a clear error, nothing listening', async (t) => {
  const result = await execa('node', [CLI, 'dashboard', 'topology/mini.yaml', '--lab', 'no-such-lab', '--port', '0'], { cwd: ROOT, reject: false, timeout: 60_000 });
  t.not(result.exitCode, 0);
  t.regex(result.stderr, /no lab named "no-such-lab" is up/);
});

test.serial('a page of another origin cannot act: the browser\'s request is refused, nothing is injected', async (t) => {
  const faults = async () => (JSON.parse((await execa('node', [CLI, 'fault', 'list', '--lab', LAB, '--json'], { cwd: ROOT })).stdout) as { faults: unknown[] }).faults.length;
  const before = await faults();
  const page = await browser!.newPage();
  // localhost and 127.0.0.1 are different origins (and sites) to a browser.
  await page.goto(`${url.replace('127.0.0.1', 'localhost')}/api/view`);
  const outcome = await page.evaluate(`fetch('${url}/api/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'pop-crash', target: ['west'], fields: {} }) }).then((r) => 'answered ' + r.status, (e) => 'refused: ' + e.message)`);
  t.regex(String(outcome), /^refused|^answered 403/, String(outcome));
  t.is(await faults(), before, 'no fault was injected');
  await page.close();
});

test.serial('SIGTERM stops the dashboard: exit 0, nothing listening', async (t) => {
  dashboard!.kill('SIGTERM');
  const result = await dashboard!;
  t.is(result.exitCode, 0);
  await t.throwsAsync(fetch(`${url}/api/view`));
});
