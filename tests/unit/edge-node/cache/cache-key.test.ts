import test from 'ava';
import { createCacheKeyer } from '../../../../edge-node/src/cache/cache-key.ts';

const cacheKey = createCacheKeyer({ ignoredQueryKeys: ['utm_*', 'fbclid'] });

test('the key is method, host without port, path', (t) => {
  t.is(cacheKey('GET', 'Example.Test:8080', '/a/b'), 'GET example.test/a/b');
  t.is(cacheKey('GET', '[2001:db8::1]:80', '/'), 'GET [2001:db8::1]/');
});

test('query keys that matter are kept and sorted; ignored ones are dropped', (t) => {
  const a = cacheKey('GET', 'h', '/p?b=2&a=1&utm_source=x&fbclid=y');
  t.is(a, 'GET h/p?a=1&b=2');
  t.is(a, cacheKey('GET', 'h', '/p?a=1&b=2'));
  t.is(cacheKey('GET', 'h', '/p?utm_medium=z&'), 'GET h/p');
  t.is(cacheKey('GET', 'h', '/p?fbclid=1'), 'GET h/p');
  t.is(cacheKey('GET', 'h', '/p?flag'), 'GET h/p?flag');
  t.not(cacheKey('GET', 'h', '/p?a=1'), cacheKey('GET', 'h', '/p?a=2'));
});
