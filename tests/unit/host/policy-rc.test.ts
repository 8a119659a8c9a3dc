import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import { POLICY_RC_MARKER, removeOwnPolicyRc } from '../../../orchestrator/src/host/policy-rc.ts';
import { ensureHostPackages } from '../../../orchestrator/src/host/setup.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/**
 * images/setup/ensure-host-packages.sh run for real against a policy-rc.d of the test's own, with
 * a PATH where nothing the host needs is installed, `id` says root, and apt-get is a fake that
 * records the policy-rc.d it sees and then does what the test asks (exits, or kills the script -9).
 */
async function sandbox(t: ExecutionContext, opts: { root?: boolean; install: 'ok' | 'kill-script' }) {
  const dir = tempDir(t, 'policy-rc');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const tool of ['bash', 'rm', 'chmod', 'grep', 'cp']) {
    symlinkSync((await execa('bash', ['-c', `command -v ${tool}`])).stdout.trim(), join(bin, tool));
  }
  const script = (name: string, body: string): void => {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  const policy = join(dir, 'policy-rc.d');
  const seen = join(dir, 'seen-during-install');
  script('id', `echo ${opts.root === false ? 1000 : 0}`);
  script(
    'apt-get',
    `[ "$1" = install ] || exit 0\n[ -e "${policy}" ] && cp "${policy}" "${seen}"\n` + (opts.install === 'kill-script' ? 'kill -9 "$PPID"\n' : '') + 'exit 0',
  );
  const run = (): Promise<void> => ensureHostPackages({ policyRcPath: policy, env: { PATH: bin } });
  return { policy, seen, run };
}

test('an install killed half way (kill -9 of the script) leaves no policy-rc.d behind', async (t) => {
  const box = await sandbox(t, { install: 'kill-script' });
  await box.run();
  const during = readFileSync(box.seen, 'utf8');
  t.regex(during, /^exit 101$/m, 'service starts were blocked during the install');
  t.true(during.includes(POLICY_RC_MARKER), 'with the marker');
  t.false(existsSync(box.policy), 'and the block is gone after');
});

test('a finished install takes its policy-rc.d away', async (t) => {
  const box = await sandbox(t, { install: 'ok' });
  await box.run();
  t.true(existsSync(box.seen));
  t.false(existsSync(box.policy));
});

test('a policy-rc.d left by an earlier killed setup goes at the next setup, even one with nothing to install', async (t) => {
  const box = await sandbox(t, { root: false, install: 'ok' });
  writeFileSync(box.policy, `#!/bin/sh\n# ${POLICY_RC_MARKER}\nexit 101\n`);
  await box.run();
  t.false(existsSync(box.policy));
  t.false(existsSync(box.seen), 'nothing was installed');
});

test("the host's own policy-rc.d is kept through the install and after, unchanged", async (t) => {
  const box = await sandbox(t, { install: 'kill-script' });
  const own = '#!/bin/sh\n# the host admin\'s\nexit 0\n';
  writeFileSync(box.policy, own);
  await box.run();
  t.is(readFileSync(box.seen, 'utf8'), own, 'not replaced during the install');
  t.is(readFileSync(box.policy, 'utf8'), own, 'not removed after');
});

test('removeOwnPolicyRc removes only a file with the marker', (t) => {
  const dir = tempDir(t, 'policy-rc');
  const path = join(dir, 'policy-rc.d');
  t.false(removeOwnPolicyRc(path), 'no file');
  writeFileSync(path, '#!/bin/sh\nexit 101\n');
  t.false(removeOwnPolicyRc(path));
  t.true(existsSync(path));
  writeFileSync(path, `#!/bin/sh\n# ${POLICY_RC_MARKER}\nexit 101\n`);
  t.true(removeOwnPolicyRc(path));
  t.false(existsSync(path));
});
