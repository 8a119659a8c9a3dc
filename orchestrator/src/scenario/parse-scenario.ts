import { dirname, isAbsolute, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { InputInvalidError } from '../errors.ts';
import { formatMs } from '../../../contracts/units.ts';
import { DEFAULT_PROBE, readBgpOverrides, readProbe } from './parse-settings.ts';
import { MAX_RUN_MS, readSteadyState, readSteps } from './parse-steps.ts';
import type { AttackSpan } from './parse-attack.ts';
import { FEATURES } from './types.ts';
import type { Scenario } from './types.ts';
import { readDuration, readEnum, readList, readMap, readString, report } from './yaml-reader.ts';
import type { ReadContext, ValueNode, ValueReader } from './yaml-reader.ts';

const TOP_LEVEL_KEYS = ['name', 'description', 'tags', 'lab', 'requires', 'bgp', 'probe', 'stable-window', 'steady-state', 'steps', 'duration'];

/** A run goes on this long after its last step unless `duration` says otherwise. */
const DEFAULT_TAIL_MS = 2000;

/**
 * Parses and validates a scenario file. Throws InputInvalidError('SCENARIO_INVALID') listing every
 * problem with file, line, column and field path. Node names are checked later, against the lab's
 * topology, by checkScenarioAgainstTopology.
 */
export function parseScenario(text: string, file: string): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const ctx: ReadContext = { file, lines, issues: [], references: [] };
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    ctx.issues.push({ file, line, column: col, path: '', message: `not valid YAML: ${error.message}` });
  }
  if (ctx.issues.length > 0) throw new InputInvalidError('SCENARIO_INVALID', ctx.issues);
  if (doc.contents === null) {
    throw new InputInvalidError('SCENARIO_INVALID', [
      { file, line: 1, column: 1, path: '', message: 'empty file: a scenario needs at least `name`, `lab` and `steps`' },
    ]);
  }
  const scenario = readScenario(ctx, doc.contents);
  if (ctx.issues.length > 0 || scenario === undefined) {
    throw new InputInvalidError('SCENARIO_INVALID', [...ctx.issues].sort((a, b) => a.line - b.line || a.column - b.column));
  }
  return scenario;
}

const TAG = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** `tags: [quick, mini]`: words a suite selects scenarios by (`chaos run DIR --only quick`). */
const readTags: ValueReader<string[]> = (ctx, node, path) => {
  const items = readList(ctx, node, path, 'a list of tags, e.g. `tags: [quick, mini]`') ?? [];
  const tags: string[] = [];
  for (const item of items) {
    const tag = readString(ctx, item.node, item.path);
    if (tag === undefined) continue;
    if (TAG.test(tag)) tags.push(tag);
    else report(ctx, item.node, item.path, `"${tag.slice(0, 40)}" is not a tag: lowercase letters, digits, "-" and "_", at most 32`);
  }
  return tags;
};

function readScenario(ctx: ReadContext, node: ValueNode): Scenario | undefined {
  const root = readMap(ctx, node, '', 'a scenario with name, lab, probe, steady-state, steps');
  if (root === undefined) return undefined;
  root.allowOnly(TOP_LEVEL_KEYS, 'a scenario');
  const name = root.require('name', readString, 'the scenario name, e.g. `name: pop-crash-bfd`');
  const description = root.read('description', readString);
  const tags = root.read('tags', readTags) ?? [];
  const lab = root.require('lab', readString, 'the topology file, relative to this file, e.g. `lab: ../world.yaml`');
  const requires = root.read('requires', (c, n, p) => readList(c, n, p, `kernel features (${FEATURES.join(', ')})`)) ?? [];
  const features = requires.map((item) => readEnum(FEATURES)(ctx, item.node, item.path));
  const bgp = root.read('bgp', readBgpOverrides);
  const probe = root.read('probe', readProbe) ?? DEFAULT_PROBE;
  const stableWindowMs = root.read('stable-window', readDuration(100, 60_000)) ?? 1000;
  const steadyState = root.read('steady-state', (c, n, p) => readSteadyState(c, n, p, probe)) ?? [];
  const attacks: AttackSpan[] = [];
  const steps = root.require('steps', (c, n, p) => readSteps(c, n, p, probe, attacks), 'the timed faults, reverts, attacks and expectations') ?? [];
  const lastStepMs = steps.at(-1)?.atMs ?? 0;
  const lastAttack = attacks.reduce<AttackSpan | undefined>((latest, a) => (latest === undefined || a.endMs > latest.endMs ? a : latest), undefined);
  const busyUntilMs = Math.max(lastStepMs, lastAttack?.endMs ?? 0);
  const durationMs = root.read('duration', readDuration(1, MAX_RUN_MS)) ?? busyUntilMs + DEFAULT_TAIL_MS;
  if (durationMs < lastStepMs) {
    report(ctx, root.value('duration'), root.at('duration'), `the run ends at ${formatMs(durationMs)}, before its last step at ${formatMs(lastStepMs)}`);
  } else if (lastAttack !== undefined && durationMs < lastAttack.endMs) {
    report(
      ctx,
      root.value('duration'),
      root.at('duration'),
      `the run ends at ${formatMs(durationMs)}, while attack \`${lastAttack.step.id}\` (${lastAttack.step.source.path}) runs until ${formatMs(lastAttack.endMs)}: shorten its \`for\`, stop it with a \`stop-attack\` step, or lengthen \`duration\``,
    );
  }
  if (name === undefined || lab === undefined || features.some((f) => f === undefined)) return undefined;
  return {
    file: ctx.file,
    name,
    ...(description === undefined ? {} : { description }),
    tags,
    lab: isAbsolute(lab) ? lab : join(dirname(ctx.file), lab),
    requires: features.filter((f) => f !== undefined),
    ...(bgp === undefined ? {} : { bgp }),
    probe,
    stableWindowMs,
    steadyState,
    steps,
    durationMs,
    references: ctx.references,
  };
}
