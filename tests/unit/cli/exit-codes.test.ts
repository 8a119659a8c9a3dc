import test from 'ava';
import { AnycastLabError, InputInvalidError, LabNotReadyError } from '../../../orchestrator/src/errors.ts';
import { EXIT, exitCodeFor } from '../../../orchestrator/src/cli/exit-codes.ts';

test('exit codes tell a failed result, a usage error, a broken run and an interruption apart', (t) => {
  t.is(exitCodeFor(new InputInvalidError('SCENARIO_INVALID', [])), EXIT.failed);
  t.is(exitCodeFor(new AnycastLabError('USAGE', 'x')), EXIT.usage);
  t.is(exitCodeFor(new LabNotReadyError('mini', 1000, ['t-a: BGP'])), EXIT.broken);
  t.is(exitCodeFor(new AnycastLabError('ENGINE_UNREACHABLE', 'x')), EXIT.broken);
  t.is(exitCodeFor(new AnycastLabError('INTERRUPTED', 'x')), EXIT.interrupted);
  t.is(exitCodeFor(new Error('a bug')), EXIT.broken);
  t.deepEqual(new Set(Object.values(EXIT)), new Set([0, 1, 2, 3, 130]));
});
