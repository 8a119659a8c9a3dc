import test from 'ava';
import { execa, type ResultPromise } from 'execa';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VtyshFrrDriver } from '../../../../edge-node/src/announce/vtysh-frr-driver.ts';
import { EdgeError } from '../../../../edge-node/src/errors.ts';

const BGPD = '/usr/lib/frr/bgpd';
const origination = { asn: 64512, prefix: '198.51.100.10/32' };

/**
 * A real bgpd, alone: no zebra (-Z), no kernel routes (-n), no BGP or vty TCP port (-p 0, -P 0),
 * its vty socket in a temp dir. It sends nothing anywhere; it is only there to run the commands.
 */
async function startBgpd(dir: string): Promise<{ readonly process: ResultPromise }> {
  const conf = join(dir, 'bgpd.conf');
  await writeFile(conf, 'router bgp 64512\n bgp router-id 10.255.0.1\n no bgp network import-check\nexit\n');
  const bgpd = execa(BGPD, ['-Z', '-n', '-S', '-p', '0', '-P', '0', '--vty_socket', dir, '-i', join(dir, 'bgpd.pid'), '-f', conf], {
    reject: false,
  });
  for (let i = 0; i < 50; i++) {
    // Wrapped: returning the execa promise itself would wait for bgpd to exit.
    if (await access(join(dir, 'bgpd.vty')).then(() => true, () => false)) return { process: bgpd };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  bgpd.kill();
  throw new Error('bgpd did not create its vty socket');
}

const canRunBgpd = process.getuid?.() === 0 && (await access(BGPD).then(() => true, () => false));

test('announce, GSHUT, re-announce and withdraw against a real FRR, read back as JSON', async (t) => {
  if (!canRunBgpd) {
    t.pass(`needs root and ${BGPD}; skipped here`);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'edge-bgpd-'));
  const bgpd = (await startBgpd(dir)).process;
  try {
    const driver = new VtyshFrrDriver(origination, { baseArgs: ['--vty_socket', dir] });
    t.deepEqual(await driver.readState(), { originated: false, valid: false, gshut: false });
    await driver.withdraw();
    t.false((await driver.readState()).originated, 'withdrawing a route that is not there is fine');
    await driver.announce();
    await driver.announce();
    t.deepEqual(await driver.readState(), { originated: true, valid: true, gshut: false });
    await driver.announceGshut();
    t.deepEqual(await driver.readState(), { originated: true, valid: true, gshut: true });
    await driver.announce();
    t.deepEqual(await driver.readState(), { originated: true, valid: true, gshut: false }, 'undrain removes the community');
    await driver.announceGshut();
    await driver.withdraw();
    t.false((await driver.readState()).originated);
    const wrongAs = new VtyshFrrDriver({ ...origination, asn: 65000 }, { baseArgs: ['--vty_socket', dir] });
    const error = await t.throwsAsync(wrongAs.announce(), { instanceOf: EdgeError });
    t.is(error?.code, 'FRR_COMMAND_FAILED');
    t.regex(error?.message ?? '', /BGP is already running; AS is 64512/);
  } finally {
    bgpd.kill();
    await bgpd;
    await rm(dir, { recursive: true, force: true });
  }
});
