import test from 'ava';
import { closest, didYouMean } from '../../../orchestrator/src/input/suggest.ts';

test('suggests the closest candidate for a typo', (t) => {
  t.is(closest('sevrers', ['name', 'servers', 'parent']), 'servers');
  t.is(closest('server_asn', ['asn', 'server-asn']), 'server-asn');
  t.is(closest('Upstreams', ['upstreams']), 'upstreams');
});

test('suggests nothing for a word far from every candidate', (t) => {
  t.is(closest('colour', ['lab', 'edge', 'pops']), undefined);
  t.is(didYouMean('colour', ['lab'], ' (none)'), ' (none)');
  t.is(didYouMean('labb', ['lab']), ' (did you mean "lab"?)');
});
