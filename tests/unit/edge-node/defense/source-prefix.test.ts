import test from 'ava';
import { normalizeSource, sourcePrefix } from '../../../../edge-node/src/defense/source-prefix.ts';

test('IPv4 sources aggregate to their /24', (t) => {
  t.is(sourcePrefix('198.18.7.42'), '198.18.7.0/24');
});

test('IPv6 sources aggregate to their /64, however they are compressed', (t) => {
  t.is(sourcePrefix('2001:db8:0:1::42'), '2001:db8:0:1::/64');
  t.is(sourcePrefix('2001:db8::1'), '2001:db8:0:0::/64');
  t.is(sourcePrefix('2001:0db8:0000:0001:0000:0000:0000:0001'), '2001:db8:0:1::/64');
});

test('IPv4-mapped IPv6 addresses are read as IPv4', (t) => {
  t.is(normalizeSource('::ffff:127.0.0.9'), '127.0.0.9');
  t.is(normalizeSource('2001:db8::1'), '2001:db8::1');
});
