import test from 'ava';
import { validateTopologyFile } from '../../../orchestrator/src/model/validate-file.ts';

test('a valid file gives its model and a one-line summary', async (t) => {
  const result = await validateTopologyFile('topology/world.yaml');
  t.true(result.ok);
  if (result.ok) {
    t.is(result.summary, 'world: 4 transits, 4 PoPs (8 servers), 4 client networks, 4 bots, 29 containers, 13 links');
    t.is(result.topology.lab, 'world');
  }
});

test('counts of one are singular', async (t) => {
  const result = await validateTopologyFile('tests/fixtures/topologies/minimal.yaml');
  t.like(result, { ok: true, summary: 'minimal: 1 transit, 1 PoP (2 servers), 1 client network, 0 bots, 7 containers, 3 links' });
});

test('an invalid file gives its issues', async (t) => {
  const result = await validateTopologyFile('tests/fixtures/topologies/bad/several-errors.yaml', { lab: 'fixed' });
  t.false(result.ok);
  if (!result.ok) t.is(result.issues.length, 5);
});
