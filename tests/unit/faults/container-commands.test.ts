import test from 'ava';
import { execa } from 'execa';
import { cutArgv, CUT_CHAINS, effectiveTime, impairArgv, linkStateArgv, uncutArgv, vtyshConfigArgv } from '../../../orchestrator/src/faults/container-commands.ts';

test('every script is valid bash', async (t) => {
  for (const argv of [cutArgv(CUT_CHAINS.crash, ['198.18.1.2']), uncutArgv(CUT_CHAINS.partition), linkStateArgv('up', '198.18.1.2', '198.18.1.3'), vtyshConfigArgv(['router bgp 1'])]) {
    t.is(argv[0], 'bash');
    const check = await execa('bash', ['-n', '-c', argv[2]!], { reject: false });
    t.is(check.exitCode, 0, `${argv[3]}: ${check.stderr}`);
  }
});

test('scripts take their arguments positionally, never spliced into the script', (t) => {
  t.deepEqual(cutArgv(CUT_CHAINS.crash, ['198.18.1.2', '198.18.1.10']).slice(3), ['lab-cut', 'LAB-CRASH', '198.18.1.2', '198.18.1.10']);
  t.deepEqual(linkStateArgv('down', '198.18.1.2').slice(3), ['lab-link', 'down', '198.18.1.2']);
  t.deepEqual(impairArgv('198.18.1.2', { lossPercent: 20 }).slice(3), ['lab-timed', 'lab-impair', 'set', '198.18.1.2', '0', '0', '20', '0']);
});

test('the timed wrapper prints the time and runs the command', async (t) => {
  const argv = vtyshConfigArgv(['x']);
  const result = await execa('bash', ['-c', argv[2]!, 'lab-timed', 'echo', 'ran'], { reject: false });
  const at = effectiveTime(result.stdout);
  t.truthy(at);
  t.true(Math.abs(at! - Date.now()) < 5000);
  t.regex(result.stdout, /\nran$/);
});

test('effectiveTime reads the last stamp a command printed', (t) => {
  t.is(effectiveTime('@effective 100\nsomething\n@effective 250\n'), 250);
  t.is(effectiveTime('no stamp'), undefined);
});
