import test from 'ava';
import { writeFieldValue, type FieldSpec } from '../../../contracts/field-spec.ts';
import { parseFaultArgs } from '../../../orchestrator/src/cli/fault-args.ts';
import { AnycastLabError, InputInvalidError } from '../../../orchestrator/src/errors.ts';
import type { TargetShape } from '../../../orchestrator/src/faults/fault-target.ts';
import { FAULT_KINDS, faultKind, planFault, REPAIR_KINDS, type FaultAction, type FaultKind } from '../../../orchestrator/src/faults/registry.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';
import { shippedPlan } from '../../helpers/topologies.ts';

const TARGETS: { readonly [S in TargetShape]: { readonly yaml: string; readonly args: readonly string[] } } = {
  pop: { yaml: 'pop: west', args: ['west'] },
  server: { yaml: 'server: west/edge-1', args: ['west/edge-1'] },
  link: { yaml: 'link: t-west--west', args: ['t-west--west'] },
  session: { yaml: 'router: t-west, peer: west', args: ['t-west', 'west'] },
  'link-or-session': { yaml: 'link: t-west--west', args: ['t-west--west'] },
  nodes: { yaml: 'nodes: [west]', args: ['west'] },
  none: { yaml: '', args: [] },
};

/** Values at and beyond a field's bounds, as written. */
function probeValues(spec: FieldSpec): { readonly inside: string[]; readonly outside: string[] } {
  const w = (v: unknown) => writeFieldValue(spec, v);
  switch (spec.type) {
    case 'duration':
      return { inside: [w(spec.minMs), w(spec.maxMs)], outside: [`${spec.maxMs + 1}ms`, `${'9'.repeat(400)}ms`, ...(spec.minMs > 0 ? [`${spec.minMs - 1}ms`] : []), '5'] };
    case 'percent':
      return { inside: [w(spec.min), w(spec.max)], outside: [`${spec.max + 1}%`, 'lots'] };
    case 'bitrate':
      return { inside: [w(spec.minKbit), w(spec.maxKbit)], outside: [`${spec.maxKbit + 1}kbit`, `${'9'.repeat(400)}gbit`, 'fast'] };
    case 'count':
    case 'number':
    case 'request-rate':
      return { inside: [w(spec.min), w(spec.max)], outside: [w(spec.max + 1), `1${'0'.repeat(400)}`] };
    case 'enum':
      return { inside: [...spec.values], outside: ['nope'] };
    case 'name':
      return { inside: [spec.example], outside: ['not valid at all/x/y'] };
    case 'boolean':
      return { inside: ['true', 'false'], outside: ['maybe'] };
  }
}

/** A valid value for each required field (and the kind's example), so that one field at a time can be probed. */
function requiredFields(kind: FaultKind): Record<string, string> {
  const spec = faultKind(kind);
  const entries = Object.entries(spec.fields).filter(([, f]) => f.required);
  return { ...Object.fromEntries(entries.map(([name, f]) => [name, probeValues(f).inside.at(-1)!])), ...(spec.example as Record<string, string>) };
}

function fromScenario(kind: FaultKind, fields: Record<string, string>): FaultAction | string {
  const target = TARGETS[faultKind(kind).target].yaml;
  const written = [`fault: ${kind}`, target, ...Object.entries(fields).map(([k, v]) => `${k}: ${JSON.stringify(v)}`)].filter(Boolean);
  // A quoted value is a string; numbers are written plain, as a person would.
  const step = written.map((part) => part.replace(/: "(-?[\d.]+(e\d+)?|\d{20,})"$/, ': $1')).join(', ');
  try {
    const scenario = parseScenario(`name: t\nlab: ../mini.yaml\nsteps:\n  - { at: 1s, ${step} }\n`, 'topology/scenarios/t.yaml');
    const first = scenario.steps[0]!;
    return first.type === 'fault' ? first.action : 'not a fault';
  } catch (error) {
    if (error instanceof InputInvalidError) return error.issues.map((i) => i.message).join('; ');
    throw error;
  }
}

function fromCommandLine(kind: FaultKind, fields: Record<string, string>): FaultAction | string {
  try {
    const command = parseFaultArgs([kind, ...TARGETS[faultKind(kind).target].args], fields);
    return command.command === 'inject' ? command.action : 'not an injection';
  } catch (error) {
    if (error instanceof AnycastLabError) return error.message;
    throw error;
  }
}

test('every registered kind has a summary, docs, a plan and typed fields', async (t) => {
  const plan = await shippedPlan('mini');
  for (const kind of FAULT_KINDS) {
    const spec = faultKind(kind);
    t.is(spec.kind, kind);
    t.true(spec.summary.length > 10, `${kind} has a summary`);
    t.true(spec.docs.does.length > 10, `${kind} says what it does`);
    t.is(typeof spec.plan, 'function');
    t.is(typeof spec.fields, 'object');
    for (const [name, field] of Object.entries(spec.fields)) t.true(field.doc.length > 0, `${kind}.${name} is explained`);
    t.is(REPAIR_KINDS.has(kind), spec.repair);
    t.is(spec.ends !== undefined, spec.repair, `${kind}: a repair says which faults it ends, and only a repair`);
    const action = fromCommandLine(kind, requiredFields(kind));
    if (typeof action === 'string') return t.fail(`${kind}: ${action}`);
    const { apply, revert, flap } = planFault(plan, action, { netem: true });
    t.true(apply.length > 0 || flap !== undefined, `${kind} does something`);
    t.is(revert.length === 0, spec.repair, `${kind}: only repairs have nothing to revert`);
  }
});

test('the scenario reader and the command line accept the same values for every field of every kind, with the same bounds', (t) => {
  let accepted = 0;
  let refused = 0;
  for (const kind of FAULT_KINDS) {
    const base = requiredFields(kind);
    const scenario = fromScenario(kind, base);
    if (typeof scenario === 'string') return t.fail(`${kind} with its required fields and example: ${scenario}`);
    t.deepEqual(fromCommandLine(kind, base), scenario, `${kind} with its required fields`);
    for (const [name, field] of Object.entries(faultKind(kind).fields)) {
      const { inside, outside } = probeValues(field);
      for (const value of [...inside, ...outside]) {
        const fields = { ...base, [name]: value };
        const fromFile = fromScenario(kind, fields);
        const fromArgs = fromCommandLine(kind, fields);
        t.is(typeof fromFile, typeof fromArgs, `${kind} ${name}: ${value.slice(0, 40)}: file says ${JSON.stringify(fromFile).slice(0, 200)}, command line ${JSON.stringify(fromArgs).slice(0, 200)}`);
        if (typeof fromFile !== 'string') t.deepEqual(fromArgs, fromFile, `${kind} ${name}: ${value}`);
        if (outside.includes(value)) t.is(typeof fromFile, 'string', `${kind} ${name}: ${value.slice(0, 40)} is out of bounds`);
        if (typeof fromFile === 'string') refused++;
        else accepted++;
        if (typeof fromFile === 'string') t.false(fromFile.includes('9'.repeat(100)), 'a huge value is not quoted whole');
      }
    }
  }
  t.true(accepted > 10 && refused > 20, `${accepted} accepted, ${refused} refused`);
});
