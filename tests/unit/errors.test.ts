import test from 'ava';
import { InputInvalidError, formatSourceIssue } from '../../orchestrator/src/errors.ts';

test('an input error lists every issue with file:line:column and field path', (t) => {
  const issue = { file: 'a.yaml', line: 3, column: 5, path: 'pops[0].name', message: 'expected a string' };
  const error = new InputInvalidError('TOPOLOGY_INVALID', [issue, { ...issue, line: 9 }]);
  t.is(error.code, 'TOPOLOGY_INVALID');
  t.is(formatSourceIssue(issue), 'a.yaml:3:5: pops[0].name: expected a string');
  t.regex(error.message, /2 problems/);
  t.regex(error.message, /a\.yaml:9:5: pops\[0\]\.name/);
});
