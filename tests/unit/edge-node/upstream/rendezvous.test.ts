import test from 'ava';
import { rankByRendezvous } from '../../../../edge-node/src/upstream/rendezvous.ts';

const parents = ['10.0.0.1', '10.0.0.2', '10.0.0.3'];
const id = (p: string) => p;

test('a key always ranks the parents the same way, and keys spread over parents', (t) => {
  t.deepEqual(rankByRendezvous('/a', parents, id), rankByRendezvous('/a', parents, id));
  const firsts = new Set(Array.from({ length: 60 }, (_, i) => rankByRendezvous(`/obj/${i}`, parents, id)[0]));
  t.is(firsts.size, 3);
});

test('losing a parent moves only the keys it was first for', (t) => {
  const keys = Array.from({ length: 200 }, (_, i) => `/k/${i}`);
  const survivors = parents.filter((p) => p !== '10.0.0.2');
  for (const key of keys) {
    const before = rankByRendezvous(key, parents, id)[0];
    const after = rankByRendezvous(key, survivors, id)[0];
    if (before !== '10.0.0.2') t.is(after, before, key);
  }
});
