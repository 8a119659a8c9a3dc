import test from 'ava';
import { execa } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  announceLines,
  gshutLines,
  routeQuery,
  vtyshConfigArgs,
  withdrawLines,
} from '../../../../edge-node/src/announce/vtysh-commands.ts';

const o = { asn: 64512, prefix: '198.51.100.10/32' };

test('announce, GSHUT and withdraw are network statements under the server\'s BGP instance', (t) => {
  t.deepEqual(announceLines(o), [
    'router bgp 64512',
    ' address-family ipv4 unicast',
    '  network 198.51.100.10/32',
    ' exit-address-family',
    'exit',
  ]);
  t.deepEqual(gshutLines(o), [
    'route-map GSHUT permit 10',
    ' set community graceful-shutdown',
    'exit',
    'router bgp 64512',
    ' address-family ipv4 unicast',
    '  network 198.51.100.10/32 route-map GSHUT',
    ' exit-address-family',
    'exit',
  ]);
  t.is(withdrawLines(o)[2], '  no network 198.51.100.10/32');
  t.is(routeQuery(o), 'show ip bgp 198.51.100.10/32 json');
});

test('vtysh gets one -c per line, inside configure terminal ... end', (t) => {
  t.deepEqual(vtyshConfigArgs(['router bgp 1', ' address-family ipv4 unicast']), [
    '-c',
    'configure terminal',
    '-c',
    'router bgp 1',
    '-c',
    'address-family ipv4 unicast',
    '-c',
    'end',
  ]);
});

test('FRR\'s own parser accepts every line (vtysh --dryrun)', async (t) => {
  const probe = await execa('vtysh', ['--help'], { reject: false });
  if (probe.failed && probe.exitCode === undefined) {
    t.pass('vtysh is not installed here; the parser check runs where it is');
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'edge-vtysh-'));
  try {
    const file = join(dir, 'frr.conf');
    await writeFile(file, [...gshutLines(o), ...announceLines(o), ...withdrawLines(o)].join('\n') + '\n');
    const ok = await execa('vtysh', ['--dryrun', '-f', file], { reject: false });
    t.is(ok.exitCode, 0, ok.stdout + ok.stderr);
    await writeFile(file, 'router bgp 64512\n address-family ipv4 unicast\n  netwrk 198.51.100.10/32\n');
    const bad = await execa('vtysh', ['--dryrun', '-f', file], { reject: false });
    t.not(bad.exitCode, 0, 'a typo is caught, so the check is real');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
