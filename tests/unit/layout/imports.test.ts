import test from 'ava';
import { importCycles, importGraph, sourceFiles } from '../../helpers/import-graph.ts';
import { ROOT } from '../../helpers/topologies.ts';

/** The layout runs one way: no file imports itself back, and the programs meet only in contracts/. */

const PROGRAMS = ['orchestrator', 'edge-node', 'images'] as const;
const graph = importGraph(ROOT, sourceFiles(ROOT, ['contracts', ...PROGRAMS]));
const top = (file: string): string => file.split('/')[0]!;

test('the graph is read: every program and contracts/ have files with imports', (t) => {
  for (const dir of ['contracts', ...PROGRAMS]) t.true([...graph.keys()].some((f) => top(f) === dir && graph.get(f)!.length > 0), dir);
});

test('no file-level import cycle', (t) => {
  t.deepEqual(importCycles(graph).map((cycle) => cycle.join(' -> ')), []);
});

test('orchestrator, edge-node and images import each other only through contracts/', (t) => {
  const across = [...graph].flatMap(([file, targets]) =>
    targets.filter((target) => top(target) !== top(file) && top(target) !== 'contracts').map((target) => `${file} -> ${target}`),
  );
  t.deepEqual(across, []);
});

test('contracts/ imports nothing of the programs', (t) => {
  const out = [...graph].filter(([file]) => top(file) === 'contracts').flatMap(([file, targets]) => targets.filter((x) => top(x) !== 'contracts').map((x) => `${file} -> ${x}`));
  t.deepEqual(out, []);
});

test('the cycle finder finds a cycle when there is one', (t) => {
  const cyclic = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
  t.deepEqual(importCycles(cyclic), [['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
});
