import test from 'ava';
import { execNeverRan } from '../../../orchestrator/src/runtime/exec-never-ran.ts';

test("runc's failure to start the process is an exec that never ran", (t) => {
  const stderr = 'OCI runtime exec failed: exec failed: unable to start container process: error writing config to pipe: write init-p: broken pipe: unknown';
  t.true(execNeverRan({ exitCode: 126, stdout: '', stderr }));
  // Over an attached stream Docker may send the same message on stdout.
  t.true(execNeverRan({ exitCode: 126, stdout: stderr.replace('error writing config to pipe: write init-p: broken pipe', 'read init-p: connection reset by peer'), stderr: '' }));
});

test('130 with no output at all is an exec that never ran', (t) => {
  t.true(execNeverRan({ exitCode: 130, stdout: '', stderr: '' }));
});

test('a command that ran and failed is not tried again', (t) => {
  t.false(execNeverRan({ exitCode: 130, stdout: '@effective 1796318963744\n', stderr: '' }));
  t.false(execNeverRan({ exitCode: 126, stdout: '', stderr: 'bash: /opt/x: Permission denied' }));
  t.false(execNeverRan({ exitCode: 1, stdout: '', stderr: '' }));
  t.false(execNeverRan({ exitCode: 0, stdout: '', stderr: '' }));
});
