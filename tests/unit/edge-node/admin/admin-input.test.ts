import test from 'ava';
import { parseForceBody, parseReasonBody } from '../../../../edge-node/src/admin/admin-input.ts';
import { EdgeError } from '../../../../edge-node/src/errors.ts';

test('the force body needs a boolean "unhealthy"; "reason" is optional', (t) => {
  t.deepEqual(parseForceBody({ unhealthy: true }), { unhealthy: true, reason: 'operator switch' });
  t.deepEqual(parseForceBody({ unhealthy: false, reason: 'fixed' }), { unhealthy: false, reason: 'fixed' });
});

test('bad force bodies are INPUT_INVALID errors that name the field', (t) => {
  const cases: Array<[unknown, RegExp]> = [
    [undefined, /body must be a JSON object with fields unhealthy, reason/],
    [[true], /body must be a JSON object/],
    [{}, /field "unhealthy" is required: true or false/],
    [{ unhealthy: 'true' }, /field "unhealthy" must be true or false, got "true"/],
    [{ unhealthy: 1 }, /got 1/],
    [{ unhealthy: true, why: 'x', who: 'y' }, /unknown fields "why", "who" \(allowed: unhealthy, reason\)/],
    [{ unhealthy: true, reason: '' }, /field "reason" must be a non-empty string/],
    [{ unhealthy: true, reason: 'x'.repeat(201) }, /at most 200 characters/],
  ];
  for (const [body, message] of cases) {
    t.throws(() => parseForceBody(body), { instanceOf: EdgeError, message }, JSON.stringify(body));
  }
});

test('drain and undrain take no body or only a reason', (t) => {
  t.deepEqual(parseReasonBody(undefined, 'operator drain'), { reason: 'operator drain' });
  t.deepEqual(parseReasonBody({}, 'operator drain'), { reason: 'operator drain' });
  t.deepEqual(parseReasonBody({ reason: 'kernel upgrade' }, 'x'), { reason: 'kernel upgrade' });
  const error = t.throws(() => parseReasonBody({ force: true }, 'x'), { instanceOf: EdgeError });
  t.is(error?.code, 'INPUT_INVALID');
  t.regex(error?.message ?? '', /unknown field "force" \(allowed: reason\)/);
});
