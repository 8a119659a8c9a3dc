import test from 'ava';
import { parseCacheControl, storagePolicy } from '../../../../edge-node/src/cache/storage-policy.ts';

test('Cache-Control directives are parsed case-insensitively, quotes removed', (t) => {
  const d = parseCacheControl('Public, MAX-AGE=60, s-maxage="120", no-transform');
  t.deepEqual([...d], [
    ['public', ''],
    ['max-age', '60'],
    ['s-maxage', '120'],
    ['no-transform', ''],
  ]);
});

test('the lifetime is s-maxage when present, else max-age', (t) => {
  t.deepEqual(storagePolicy(200, { 'cache-control': 'max-age=60' }), { store: true, ttlMs: 60_000 });
  t.deepEqual(storagePolicy(200, { 'cache-control': 'max-age=60, s-maxage=5' }), { store: true, ttlMs: 5000 });
});

test('no-store, no-cache, no lifetime, max-age=0, vary and non-200s are not stored but may be shared', (t) => {
  const cases: Array<[number, Record<string, string>, string]> = [
    [200, { 'cache-control': 'no-store, max-age=60' }, 'no-store'],
    [200, { 'cache-control': 'no-cache' }, 'no-cache'],
    [200, {}, 'no max-age'],
    [200, { 'cache-control': 'max-age=0' }, 'max-age=0'],
    [200, { 'cache-control': 'max-age=abc' }, 'no max-age'],
    [200, { 'cache-control': 'max-age=60', vary: 'accept-encoding' }, 'vary'],
    [404, { 'cache-control': 'max-age=60' }, 'status 404'],
  ];
  for (const [status, headers, reason] of cases) {
    t.deepEqual(storagePolicy(status, headers), { store: false, reason, shareable: true }, reason);
  }
});

test('private responses and cookies are for one client only', (t) => {
  t.deepEqual(storagePolicy(200, { 'cache-control': 'private, max-age=60' }), { store: false, reason: 'private', shareable: false });
  t.deepEqual(storagePolicy(200, { 'cache-control': 'max-age=60', 'set-cookie': ['a=1'] }), {
    store: false,
    reason: 'set-cookie',
    shareable: false,
  });
});
