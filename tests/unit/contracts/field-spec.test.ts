import test from 'ava';
import { checkField, defineFields, describeField, expectedValue, plainScalar, type FieldValues } from '../../../contracts/field-spec.ts';

const fields = defineFields({
  wait: { type: 'duration', minMs: 0, maxMs: 60_000, default: 2000, doc: 'time before the withdrawal' },
  count: { type: 'count', min: 1, max: 100, required: true, doc: 'how many cycles' },
  loss: { type: 'percent', min: 0, max: 100, doc: 'share of packets dropped' },
  rate: { type: 'bitrate', minKbit: 8, maxKbit: 10_000_000, doc: 'bandwidth' },
  probes: { type: 'request-rate', min: 1, max: 1000, doc: 'requests per second' },
  direction: { type: 'enum', values: ['both', 'a-to-b', 'b-to-a'], default: 'both', doc: 'which way' },
  server: { type: 'name', pattern: /^[^/\s]+\/[^/\s]+$/, form: '<pop>/<server>', example: 'tokyo/edge-1', doc: 'the server' },
});

test('values in range are read, with their unit', (t) => {
  t.deepEqual(checkField(fields.wait, '1.5s'), { ok: true, value: 1500 });
  t.deepEqual(checkField(fields.count, 3), { ok: true, value: 3 });
  t.deepEqual(checkField(fields.loss, '20%'), { ok: true, value: 20 });
  t.deepEqual(checkField(fields.rate, '10mbit'), { ok: true, value: 10_000 });
  t.deepEqual(checkField(fields.probes, '50/s'), { ok: true, value: 50 });
  t.deepEqual(checkField(fields.direction, 'a-to-b'), { ok: true, value: 'a-to-b' });
  t.deepEqual(checkField(fields.server, 'tokyo/edge-1'), { ok: true, value: 'tokyo/edge-1' });
});

test('values out of range, of the wrong form or not finite say what was expected', (t) => {
  t.deepEqual(checkField(fields.wait, '2m'), { ok: false, expected: 'a duration from 0ms to 1m, such as 500ms or 2s' });
  t.false(checkField(fields.wait, 2000).ok, 'a bare number is not a duration');
  t.false(checkField(fields.wait, `${'9'.repeat(400)}ms`).ok, 'a 400-digit duration is not Infinity');
  t.false(checkField(fields.count, 2.5).ok);
  t.false(checkField(fields.count, Infinity).ok);
  t.false(checkField(fields.loss, '120%').ok);
  t.false(checkField(fields.rate, `${'9'.repeat(400)}gbit`).ok);
  t.false(checkField(fields.probes, `${'9'.repeat(400)}/s`).ok);
  t.deepEqual(checkField(fields.direction, 'up'), { ok: false, expected: 'one of both, a-to-b, b-to-a' });
  t.deepEqual(checkField(fields.server, 'tokyo-edge-1'), { ok: false, expected: '<pop>/<server>, e.g. tokyo/edge-1' });
});

test('command-line text reads as a YAML plain scalar does', (t) => {
  t.is(plainScalar('3'), 3);
  t.is(plainScalar('0.5'), 0.5);
  t.is(plainScalar('true'), true);
  t.is(plainScalar('20%'), '20%');
  t.is(plainScalar(`1${'0'.repeat(400)}`), Infinity);
  t.false(checkField(fields.count, plainScalar(`1${'0'.repeat(400)}`)).ok);
});

test('the docs show bounds and defaults as they are written', (t) => {
  t.is(describeField(fields.wait), '0ms..1m, default 2s');
  t.is(describeField(fields.count), '1..100, required');
  t.is(describeField(fields.direction), 'both | a-to-b | b-to-a, default both');
  t.is(expectedValue(fields.rate), 'a bit rate from 8kbit to 10gbit, such as 500kbit or 10mbit');
});

test('field values are typed from the specs', (t) => {
  const values: FieldValues<typeof fields> = { wait: 2000, count: 1, direction: 'both' };
  const direction: 'both' | 'a-to-b' | 'b-to-a' = values.direction;
  t.is(direction, 'both');
  // @ts-expect-error count is required, and wait and direction have defaults: all three are always there
  const missing: FieldValues<typeof fields> = { wait: 2000 };
  t.is(missing.wait, 2000);
});
