import { dirname, isAbsolute, join } from 'node:path';
import { InputInvalidError } from '../errors.ts';
import type { SourceIssue } from '../errors.ts';
import { MapFields, readList } from '../input/read-structure.ts';
import { readChoice, readDurationMs, readString } from '../input/read-scalars.ts';
import { fail, openSource } from '../input/source.ts';
import { formatMs } from '../../../contracts/units.ts';
import { DEFAULT_PROBE, readBgpOverrides, readProbe } from './parse-settings.ts';
import { MAX_RUN_MS, readSteadyState, readSteps } from './parse-steps.ts';
import type { AttackSpan } from './parse-attack.ts';
import type { ScenarioSlot } from './read-references.ts';
import { FEATURES } from './types.ts';
import type { Scenario, ScenarioReference } from './types.ts';

const TOP_LEVEL_KEYS = ['name', 'description', 'tags', 'lab', 'requires', 'bgp', 'probe', 'stable-window', 'steady-state', 'steps', 'duration'];

/** A run goes on this long after its last step unless `duration` says otherwise. */
const DEFAULT_TAIL_MS = 2000;

/**
 * Parses and validates a scenario file. Throws InputInvalidError('SCENARIO_INVALID') listing every
 * problem with file, line, column and field path. Node names are checked later, against the lab's
 * topology, by checkScenarioAgainstTopology.
 */
export function parseScenario(text: string, file: string): Scenario {
  const issues: SourceIssue[] = [];
  const references: ScenarioReference[] = [];
  const root = openSource(text, file, issues, { references });
  const scenario = root && readScenario(root);
  if (issues.length > 0 || scenario === undefined) {
    throw new InputInvalidError('SCENARIO_INVALID', issues.sort((a, b) => a.line - b.line || a.column - b.column));
  }
  return scenario;
}

const TAG = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** `tags: [quick, mini]`: words a suite selects scenarios by (`chaos run DIR --only quick`). */
function readTags(slot: ScenarioSlot): string[] {
  const tags: string[] = [];
  for (const item of readList(slot, { one: 'tag' })) {
    const tag = readString(item)?.value;
    if (tag === undefined) continue;
    if (TAG.test(tag)) tags.push(tag);
    else fail(item, `"${tag.slice(0, 40)}" is not a tag: lowercase letters, digits, "-" and "_", at most 32`);
  }
  return tags;
}

function readScenario(root: ScenarioSlot): Scenario | undefined {
  if (root.node === undefined) return fail(root, 'the file is empty; a scenario needs at least `name`, `lab` and `steps`');
  const map = new MapFields(root, 'a scenario with name, lab, probe, steady-state, steps');
  if (!map.read) return undefined;
  map.allowOnly(TOP_LEVEL_KEYS, 'a scenario');
  const name = readString(map.require('name', 'the scenario name, e.g. `name: pop-crash-bfd`'))?.value;
  const description = readString(map.get('description'))?.value;
  const tags = readTags(map.get('tags'));
  const lab = readString(map.require('lab', 'the topology file, relative to this file, e.g. `lab: ../world.yaml`'))?.value;
  const requires = readList(map.get('requires'), { one: 'kernel feature' });
  const features = requires.map((item) => readChoice(item, FEATURES)?.value);
  const bgp = readBgpOverrides(map.get('bgp'));
  const probe = readProbe(map.get('probe')) ?? DEFAULT_PROBE;
  const stableWindowMs = readDurationMs(map.get('stable-window'), 100, 60_000)?.value ?? 1000;
  const steadyState = readSteadyState(map.get('steady-state'), probe);
  const attacks: AttackSpan[] = [];
  const steps = readSteps(map.require('steps', 'the timed faults, reverts, attacks and expectations'), probe, attacks);
  const lastStepMs = steps.at(-1)?.atMs ?? 0;
  const lastAttack = attacks.reduce<AttackSpan | undefined>((latest, a) => (latest === undefined || a.endMs > latest.endMs ? a : latest), undefined);
  const busyUntilMs = Math.max(lastStepMs, lastAttack?.endMs ?? 0);
  const durationMs = readDurationMs(map.get('duration'), 1, MAX_RUN_MS)?.value ?? busyUntilMs + DEFAULT_TAIL_MS;
  if (durationMs < lastStepMs) {
    fail(map.get('duration'), `the run ends at ${formatMs(durationMs)}, before its last step at ${formatMs(lastStepMs)}`);
  } else if (lastAttack !== undefined && durationMs < lastAttack.endMs) {
    fail(
      map.get('duration'),
      `the run ends at ${formatMs(durationMs)}, while attack \`${lastAttack.step.id}\` (${lastAttack.step.source.path}) runs until ${formatMs(lastAttack.endMs)}: shorten its \`for\`, stop it with a \`stop-attack\` step, or lengthen \`duration\``,
    );
  }
  if (name === undefined || lab === undefined || features.some((f) => f === undefined)) return undefined;
  const file = root.source.file;
  return {
    file,
    name,
    ...(description === undefined ? {} : { description }),
    tags,
    lab: isAbsolute(lab) ? lab : join(dirname(file), lab),
    requires: features.filter((f) => f !== undefined),
    ...(bgp === undefined ? {} : { bgp }),
    probe,
    stableWindowMs,
    steadyState,
    steps,
    durationMs,
    references: root.source.references,
  };
}
