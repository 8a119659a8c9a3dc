import test from 'ava';
import { isHeaderValue, MAX_HEADER_VALUE_CHARS, MAX_OBJECT_BYTES, parseObjectRequest } from '../../../images/origin/src/object-request.ts';

test('an object URL names its size, and optionally its Cache-Control, type and delay', (t) => {
  t.deepEqual(parseObjectRequest('/obj/1024?cc=max-age%3D60&ct=text%2Fplain&delay=250'), {
    ok: true,
    spec: { bytes: 1024, cacheControl: 'max-age=60', contentType: 'text/plain', delayMs: 250 },
  });
  t.deepEqual(parseObjectRequest('/obj/0'), {
    ok: true,
    spec: { bytes: 0, cacheControl: undefined, contentType: 'application/octet-stream', delayMs: 0 },
  });
});

test('other paths are not objects; bad sizes and delays are explained', (t) => {
  t.is(parseObjectRequest('/stats'), undefined);
  t.is(parseObjectRequest('/obj/1/2'), undefined);
  t.deepEqual(parseObjectRequest(`/obj/${MAX_OBJECT_BYTES + 1}`), {
    ok: false,
    error: `object size must be an integer from 0 to ${MAX_OBJECT_BYTES} bytes, got "${MAX_OBJECT_BYTES + 1}"`,
  });
  t.like(parseObjectRequest('/obj/1.5'), { ok: false });
  t.like(parseObjectRequest('/obj/10?delay=60000'), { ok: false, error: 'delay must be an integer from 0 to 10000 ms, got "60000"' });
});

test('values copied into headers must be printable ASCII of bounded length', (t) => {
  t.true(isHeaderValue('public, max-age=30'));
  t.true(isHeaderValue('text/plain;\tcharset=utf-8'));
  for (const bad of ['a\r\nb', 'a\nb', 'a\u0000', 'caf\u00e9', 'x'.repeat(MAX_HEADER_VALUE_CHARS + 1)]) t.false(isHeaderValue(bad), JSON.stringify(bad));
  t.like(parseObjectRequest('/obj/1?ct=a%0D%0Ab'), { ok: false });
});
