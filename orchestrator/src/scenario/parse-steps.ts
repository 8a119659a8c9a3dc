import { formatMs } from '../../../contracts/units.ts';
import { ATTACK_EXPECTATION_KINDS, EXPECTATION_FIELDS, readExpectation, STEP_ONLY_FIELDS, STEP_ONLY_KINDS } from './parse-expectation.ts';
import { FAULT_KINDS, REPAIR_KINDS } from '../faults/registry.ts';
import { faultFields, readFaultAction } from './parse-fault.ts';
import { attackWindows, readAttackStep, readStopAttackStep, type AttackSpan } from './parse-attack.ts';
import { EXPECTATION_KINDS } from './types.ts';
import type { Expectation, FaultStep, ProbeSettings, SteadyStateExpectation, Step } from './types.ts';
import { MapFields, readList } from '../input/read-structure.ts';
import { readChoice, readDurationMs, readString } from '../input/read-scalars.ts';
import { fail, positionOf } from '../input/source.ts';
import type { ScenarioMap, ScenarioSlot } from './read-references.ts';

/** Longest run a scenario may ask for. */
export const MAX_RUN_MS = 3_600_000;

const STEP_TYPES = ['fault', 'revert', 'attack', 'stop-attack', 'expect'] as const;

export function readSteadyState(slot: ScenarioSlot, probe: ProbeSettings): SteadyStateExpectation[] {
  const result: SteadyStateExpectation[] = [];
  for (const item of readList(slot, { one: 'expectation' })) {
    const map = new MapFields(item, 'an expectation, e.g. { expect: catchment, client: users-asia, pop: tokyo }');
    if (!map.read) continue;
    if (map.has('at')) fail(map.get('at'), 'steady-state expectations have no `at`: they are checked before the first step and after the last');
    const kind = readChoice(map.require('expect', 'the expectation kind, e.g. `expect: catchment`'), EXPECTATION_KINDS)?.value;
    if (kind === undefined) continue;
    if (STEP_ONLY_KINDS.includes(kind)) {
      fail(map.get('expect'), `${kind} is measured after a fault: put it in \`steps\` with an \`at\``);
      continue;
    }
    map.allowOnly(['at', 'expect', ...EXPECTATION_FIELDS[kind].filter((f) => !STEP_ONLY_FIELDS.includes(f))], `a steady-state ${kind}`);
    const expectation = readExpectation(map, kind);
    if (expectation === undefined) continue;
    checkClientProbed(map, expectation, probe);
    result.push({ expectation, source: positionOf(item) });
  }
  return result;
}

/**
 * Reads the steps and checks them as a sequence: in time order, fault and attack ids unique, every
 * revert naming a fault in place, every stop-attack an attack running, every convergence or loss
 * expectation coming after a fault. `attacks` receives each attack with the time it ends.
 */
export function readSteps(slot: ScenarioSlot, probe: ProbeSettings, attacks: AttackSpan[] = []): Step[] {
  const steps: Step[] = [];
  const faults: FaultStep[] = [];
  let inPlace: FaultStep[] = [];
  let previousAt = 0;
  for (const item of readList(slot, { one: 'step' })) {
    const map = new MapFields(item, 'a step, e.g. { at: 5s, fault: pop-crash, pop: tokyo } or { at: 5s, attack: http-flood, from: all, rate: 1000/s, for: 10s }');
    if (!map.read) continue;
    const atMs = readDurationMs(map.require('at', 'when the step happens, from the start of the run, e.g. `at: 5s`'), 0, MAX_RUN_MS)?.value;
    if (atMs !== undefined && atMs < previousAt) {
      fail(map.get('at'), `steps out of order: at ${formatMs(atMs)} comes after a step at ${formatMs(previousAt)}`);
    }
    previousAt = Math.max(previousAt, atMs ?? 0);
    const step = readStep(map, atMs ?? 0, { faults, inPlace, attacks, probe });
    if (step === undefined || atMs === undefined) continue;
    steps.push(step);
    if (step.type === 'attack' || step.type === 'stop-attack') attacks.splice(0, attacks.length, ...attackWindows(steps));
    if (step.type === 'fault') {
      faults.push(step);
      if (!REPAIR_KINDS.has(step.action.kind)) inPlace.push(step);
    }
    if (step.type === 'revert') {
      const reverted = step.faults;
      inPlace = inPlace.filter((f) => !reverted.includes(f.id));
    }
  }
  return steps;
}

interface StepContext {
  readonly faults: readonly FaultStep[];
  readonly inPlace: readonly FaultStep[];
  readonly attacks: readonly AttackSpan[];
  readonly probe: ProbeSettings;
}

function readStep(map: ScenarioMap, atMs: number, context: StepContext): Step | undefined {
  const types = STEP_TYPES.filter((t) => map.has(t));
  if (types.length !== 1) {
    const found = types.length === 0 ? 'none' : types.join(' and ');
    return fail(map.slot, `a step has exactly one of ${STEP_TYPES.map((t) => `\`${t}\``).join(', ')} (found ${found})`);
  }
  const source = positionOf(map.slot);
  switch (types[0]!) {
    case 'fault':
      return readFaultStep(map, atMs, context, source);
    case 'revert':
      return readRevertStep(map, atMs, context, source);
    case 'attack':
      return readAttackStep(map, atMs, context.attacks, source);
    case 'stop-attack':
      return readStopAttackStep(map, atMs, context.attacks, source);
    case 'expect':
      return readExpectStep(map, atMs, context, source);
  }
}

function readFaultStep(map: ScenarioMap, atMs: number, context: StepContext, source: Step['source']): Step | undefined {
  const kind = readChoice(map.get('fault'), FAULT_KINDS)?.value;
  if (kind === undefined) return undefined;
  map.allowOnly(['at', 'fault', 'id', ...faultFields(kind)], `a ${kind} fault`);
  const id = readString(map.get('id'))?.value ?? kind;
  const taken = context.faults.find((f) => f.id === id);
  if (taken !== undefined) {
    fail(map.get(map.has('id') ? 'id' : 'fault'), `fault id \`${id}\` is already used by ${taken.source.path}: give this fault an \`id:\` of its own`);
  }
  const action = readFaultAction(map, kind);
  return action === undefined ? undefined : { type: 'fault', atMs, id, action, source };
}

function readRevertStep(map: ScenarioMap, atMs: number, context: StepContext, source: Step['source']): Step | undefined {
  map.allowOnly(['at', 'revert'], 'a revert');
  const name = readString(map.get('revert'))?.value;
  if (name === undefined) return undefined;
  const where = map.get('revert');
  if (name === 'all') return { type: 'revert', atMs, faults: context.inPlace.map((f) => f.id), source };
  const byId = context.inPlace.filter((f) => f.id === name);
  const matches = byId.length > 0 ? byId : context.inPlace.filter((f) => f.action.kind === name);
  if (matches.length === 1) return { type: 'revert', atMs, faults: [matches[0]!.id], source };
  if (matches.length > 1) {
    return fail(where, `\`${name}\` matches ${matches.length} faults in place (${matches.map((f) => f.id).join(', ')}): revert one by its id`);
  }
  if ((REPAIR_KINDS as ReadonlySet<string>).has(name)) return fail(where, `${name} is a repair, not a fault: there is nothing to revert`);
  const inPlace = context.inPlace.length === 0 ? 'none' : context.inPlace.map((f) => f.id).join(', ');
  return fail(where, `nothing to revert: no fault \`${name}\` is in place at ${formatMs(atMs)} (in place: ${inPlace}; or \`revert: all\`)`);
}

function readExpectStep(map: ScenarioMap, atMs: number, context: StepContext, source: Step['source']): Step | undefined {
  const kind = readChoice(map.get('expect'), EXPECTATION_KINDS)?.value;
  if (kind === undefined) return undefined;
  map.allowOnly(['at', 'expect', ...EXPECTATION_FIELDS[kind]], `a ${kind} expectation`);
  const expectation = readExpectation(map, kind);
  if (expectation === undefined) return undefined;
  checkClientProbed(map, expectation, context.probe);
  if (expectation.kind === 'convergence' || expectation.kind === 'lost') {
    if (expectation.fault !== undefined && !context.faults.some((f) => f.id === expectation.fault)) {
      const known = context.faults.map((f) => f.id).join(', ') || 'none';
      return fail(map.get('after'), `no fault \`${expectation.fault}\` before this step (faults so far: ${known})`);
    }
    if (context.faults.length === 0) {
      return fail(map.get('expect'), `${kind} is measured from a fault, and no fault comes before this step`);
    }
  }
  if ('attack' in expectation || ATTACK_EXPECTATION_KINDS.includes(kind)) {
    const named = 'attack' in expectation ? expectation.attack : undefined;
    if (named !== undefined && !context.attacks.some((a) => a.step.id === named)) {
      const known = context.attacks.map((a) => a.step.id).join(', ') || 'none';
      return fail(map.get('of'), `no attack \`${named}\` before this step (attacks so far: ${known})`);
    }
    if (context.attacks.length === 0) {
      return fail(map.get('expect'), `${kind} is measured on an attack, and no attack comes before this step`);
    }
  }
  if ('sinceMs' in expectation && expectation.sinceMs !== undefined && expectation.sinceMs > atMs) {
    return fail(map.get('since'), `since ${formatMs(expectation.sinceMs)} is after the step's time ${formatMs(atMs)}`);
  }
  return { type: 'expect', atMs, expectation, source };
}

function checkClientProbed(map: ScenarioMap, expectation: Expectation, probe: ProbeSettings): void {
  const client = 'client' in expectation ? expectation.client : undefined;
  if (client === undefined || probe.clients === 'all' || probe.clients.includes(client)) return;
  fail(map.get('client'), `client ${client} is not probed: add it to probe.clients (${probe.clients.join(', ')})`);
}
