import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../orchestrator/src/cli/exit-codes.ts';
import { ROOT } from '../../helpers/topologies.ts';
import { runCli } from './capture.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

test.serial('graph prints JSON offline and writes SVG with --out', async (t) => {
  const json = await runCli(['graph', `${ROOT}topology/mini.yaml`, '--format', 'json']);
  t.is(json.code, EXIT.ok, json.stderr);
  const graph = JSON.parse(json.stdout) as { nodes: { id: string; kind: string }[]; links: { a: string; b: string }[] };
  t.is(graph.nodes.filter((n) => n.kind === 'pop').length, 2);
  t.true(graph.links.length > 0);
  const out = join(tempDir(t, 'graph'), 'mini.svg');
  const svg = await runCli(['graph', `${ROOT}topology/mini.yaml`, '--format', 'svg', '--out', out]);
  t.is(svg.code, EXIT.ok, svg.stderr);
  t.is(svg.stdout, '');
  t.regex(readFileSync(out, 'utf8'), /^<svg /);
});

test.serial('graph: an unknown format is a usage error naming the formats; a bad file is invalid input', async (t) => {
  const format = await runCli(['graph', `${ROOT}topology/mini.yaml`, '--format', 'png']);
  t.is(format.code, EXIT.usage);
  t.regex(format.stderr, /--format png: expected one of mermaid, dot, json, svg/);
  const missing = await runCli(['graph', `${ROOT}topology/nope.yaml`]);
  t.not(missing.code, EXIT.ok);
  t.regex(missing.stderr, /nope\.yaml/);
});
