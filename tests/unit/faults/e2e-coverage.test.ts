import { readFileSync } from 'node:fs';
import test from 'ava';
import { FAULT_KINDS } from '../../../orchestrator/src/faults/registry.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';
import { E2E_SCENARIOS, SWEEP } from '../../e2e/fault-sweep.ts';
import { ROOT } from '../../helpers/topologies.ts';

const file = (name: string) => `${ROOT}topology/scenarios/${name}`;

test('every fault kind in the registry is put through the lab by the chaos e2e (its sweep or its scenarios)', (t) => {
  const covered = new Set<string>();
  for (const entry of SWEEP) {
    covered.add(entry.action.kind);
    if (entry.repair !== undefined) covered.add(entry.repair.kind);
  }
  for (const name of Object.values(E2E_SCENARIOS)) {
    const scenario = parseScenario(readFileSync(file(name), 'utf8'), file(name));
    for (const step of scenario.steps) if (step.type === 'fault') covered.add(step.action.kind);
  }
  const missing = FAULT_KINDS.filter((kind) => !covered.has(kind));
  t.deepEqual(missing, [], `kinds no e2e test injects: add them to SWEEP in tests/e2e/fault-sweep.ts`);
});

test('the chaos e2e runs that sweep and those scenarios', (t) => {
  const e2e = readFileSync(`${ROOT}tests/e2e/chaos.test.ts`, 'utf8');
  t.regex(e2e, /import \{ E2E_SCENARIOS, SWEEP \} from '\.\/fault-sweep\.ts'/);
  t.regex(e2e, /for \(const \{ action, served, repair \} of SWEEP\)/);
  for (const key of Object.keys(E2E_SCENARIOS)) t.true(e2e.includes(`E2E_SCENARIOS.${key}`), `chaos.test.ts runs E2E_SCENARIOS.${key}`);
  t.true(SWEEP.some((entry) => entry.repair !== undefined), 'the sweep ends some faults by a repair');
});
