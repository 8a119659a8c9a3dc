import { isScalar } from 'yaml';
import { ATTACK_KIND_NAMES, ATTACK_KINDS, type AttackKind } from '../../../contracts/attack-kinds.ts';
import { formatMs } from '../../../contracts/units.ts';
import { readKindFields } from './read-kind-fields.ts';
import type { AttackStep, SourcePosition, Step, StopAttackStep } from './types.ts';
import { readChoice, readString } from '../input/read-scalars.ts';
import { fail } from '../input/source.ts';
import { readReferenceList } from './read-references.ts';
import type { ScenarioMap, ScenarioSlot } from './read-references.ts';

/** The fields an attack step takes besides `at`, `attack` and `id`: `from`, then the kind's (rate, for, ...). */
export function attackFields(kind: AttackKind): string[] {
  return ['from', ...Object.keys(ATTACK_KINDS[kind].fields)];
}

/** When an attack ends: at its `for`, or earlier at a `stop-attack` naming it. */
export interface AttackSpan {
  readonly step: AttackStep;
  endMs: number;
}

export function attackEndMs(step: AttackStep): number {
  return step.atMs + (step.settings['for'] as number);
}

/**
 * `{ at: 5s, attack: http-flood, id?: flood, from: [bots-west] | all, rate: 2000/s, for: 10s, ... }`:
 * the kind's fields checked against the attack registry's specs, exactly as `attack start` checks
 * its flags; botnets are remembered and checked against the topology later.
 */
export function readAttackStep(map: ScenarioMap, atMs: number, attacks: readonly AttackSpan[], source: SourcePosition): AttackStep | undefined {
  const kind = readChoice(map.get('attack'), ATTACK_KIND_NAMES)?.value;
  if (kind === undefined) return undefined;
  map.allowOnly(['at', 'attack', 'id', ...attackFields(kind)], `a ${kind} attack`);
  const id = readString(map.get('id'))?.value ?? kind;
  const taken = attacks.find((a) => a.step.id === id);
  if (taken !== undefined) {
    fail(map.get(map.has('id') ? 'id' : 'attack'), `attack id \`${id}\` is already used by ${taken.step.source.path}: give this attack an \`id:\` of its own`);
  }
  const from = readBotnets(map.require('from', 'the botnets it comes from, e.g. `from: [bots-west]` or `from: all`'));
  const values = readKindFields(map, ATTACK_KINDS[kind].fields);
  if (from === undefined || values === undefined) return undefined;
  return { type: 'attack', atMs, id, settings: { ...values, kind }, from, source };
}

function readBotnets(slot: ScenarioSlot): 'all' | string[] | undefined {
  if (isScalar(slot.node) && slot.node.value === 'all') return 'all';
  if (isScalar(slot.node)) return fail(slot, 'expected `all` or a list of botnets, e.g. [bots-west, bots-east]');
  return readReferenceList(slot, 'botnet', 'botnet');
}

/** `{ at: 20s, stop-attack: flood }` (or `all`): an attack still running at that time, by its id. */
export function readStopAttackStep(map: ScenarioMap, atMs: number, attacks: readonly AttackSpan[], source: SourcePosition): StopAttackStep | undefined {
  map.allowOnly(['at', 'stop-attack'], 'a stop-attack');
  const name = readString(map.get('stop-attack'))?.value;
  if (name === undefined) return undefined;
  const running = attacks.filter((a) => a.endMs > atMs);
  if (name === 'all') return { type: 'stop-attack', atMs, attacks: running.map((a) => a.step.id), source };
  const where = map.get('stop-attack');
  const named = attacks.find((a) => a.step.id === name);
  if (named !== undefined && named.endMs <= atMs) {
    return fail(where, `attack \`${name}\` has already ended at ${formatMs(named.endMs)} (attacks stop by themselves after their \`for\`)`);
  }
  if (named === undefined) {
    const list = running.length === 0 ? 'none' : running.map((a) => a.step.id).join(', ');
    return fail(where, `no attack \`${name}\` is running at ${formatMs(atMs)} (running: ${list}; or \`stop-attack: all\`)`);
  }
  return { type: 'stop-attack', atMs, attacks: [name], source };
}

/** Every attack of a scenario with when it ends (ms from the run's start): its `for`, or a `stop-attack` before that. */
export function attackWindows(steps: readonly Step[]): AttackSpan[] {
  const spans: AttackSpan[] = [];
  for (const step of steps) {
    if (step.type === 'attack') spans.push({ step, endMs: attackEndMs(step) });
    if (step.type === 'stop-attack') {
      for (const span of spans) if (step.attacks.includes(span.step.id)) span.endMs = Math.min(span.endMs, step.atMs);
    }
  }
  return spans;
}
