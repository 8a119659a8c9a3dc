import test from 'ava';
import {
  ATTACK_KIND_NAMES,
  ATTACK_KINDS,
  attackParams,
  checkAttackFields,
  isAttackTarget,
  readAttackParams,
} from '../../../contracts/attack-kinds.ts';
import { plainScalar } from '../../../contracts/field-spec.ts';
import { ATTACK_IMPLEMENTATIONS } from '../../../images/client/src/attacks/implementations.ts';
import { ATTACK_FLAGS } from '../../../orchestrator/src/cli/attack-args.ts';

test('the registry lists the six kinds of issue 8, each with a description, a unit, rate and for', (t) => {
  t.deepEqual([...ATTACK_KIND_NAMES].sort(), ['cache-bust', 'h2-rapid-reset', 'http-flood', 'slow-origin', 'slowloris', 'syn-flood']);
  for (const kind of ATTACK_KIND_NAMES) {
    const spec = ATTACK_KINDS[kind];
    t.true(spec.description.length > 20, kind);
    t.like(spec.fields, { rate: { type: 'request-rate', required: true }, for: { type: 'duration', required: true }, sources: { type: 'count' } }, kind);
  }
});

test('every kind has an agent implementation and a command-line flag for each of its fields', (t) => {
  for (const kind of ATTACK_KIND_NAMES) {
    t.is(typeof ATTACK_IMPLEMENTATIONS[kind], 'function', kind);
    for (const field of Object.keys(ATTACK_KINDS[kind].fields)) t.true(ATTACK_FLAGS.has(field), `--${field} for ${kind}`);
  }
  t.deepEqual(Object.keys(ATTACK_IMPLEMENTATIONS).sort(), [...ATTACK_KIND_NAMES].sort(), 'no implementation without a kind');
});

test('fields as the command line writes them become agent params, defaults filled in', (t) => {
  const checked = checkAttackFields('http-flood', { rate: plainScalar('2000/s'), for: plainScalar('30s'), sources: plainScalar('4') });
  if (!checked.ok) return t.fail(JSON.stringify(checked.problems));
  t.deepEqual(attackParams(checked.settings), { kind: 'http-flood', rps: 2000, durationMs: 30_000, path: '/obj/1024?cc=max-age%3D300', sources: 4 });
  const slow = checkAttackFields('slow-origin', { rate: '4/s', for: '10s' });
  t.like(slow.ok && attackParams(slow.settings), { kind: 'slow-origin', rps: 4, delayMs: 9000, path: '/obj/1' });
});

test('bounds are refused with what was expected, every problem at once', (t) => {
  const checked = checkAttackFields('slow-origin', { rate: '500/s', for: '1h', sources: 0, connections: 3 });
  t.false(checked.ok);
  const problems = checked.ok ? [] : checked.problems;
  t.deepEqual(problems.map((p) => p.field).sort(), ['connections', 'for', 'rate', 'sources']);
  t.regex(problems.find((p) => p.field === 'rate')!.expected, /from 1\/s to 50\/s/);
  t.regex(problems.find((p) => p.field === 'for')!.expected, /to 5m/);
  t.regex(problems.find((p) => p.field === 'connections')!.expected, /no such field for slow-origin/);
  const missing = checkAttackFields('http-flood', {});
  t.deepEqual(missing.ok ? [] : missing.problems.map((p) => [p.field, p.expected.endsWith('(required)')]), [
    ['rate', true],
    ['for', true],
  ]);
});

test('agent params are read against the same bounds, in wire units', (t) => {
  t.like(readAttackParams({ kind: 'slowloris', rps: 10, durationMs: 2000 }), { ok: true, value: { connections: 200, path: '/' } });
  const bad = readAttackParams({ kind: 'h2-rapid-reset', rps: 10, durationMs: 2000, connections: 65, bogus: 1 });
  t.deepEqual(bad.ok ? [] : bad.errors.map((e) => e.field), ['bogus', 'connections']);
  t.deepEqual(readAttackParams({ kind: 'nope' }), { ok: false, errors: [{ field: 'kind', message: `expected one of ${ATTACK_KIND_NAMES.join(', ')}` }] });
});

test('attacks are aimed only at the anycast service block or loopback', (t) => {
  for (const ok of ['198.51.100.10', '198.51.100.255', '127.0.0.1']) t.true(isAttackTarget(ok), ok);
  for (const no of ['192.0.2.10', '203.0.113.5', '198.51.101.1', '8.8.8.8', '198.18.0.10', 'example', '198.51.100']) t.false(isAttackTarget(no), no);
});
