import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputInvalidError } from '../errors.ts';
import type { AddressPlan } from '../plan/types.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import { checkScenarioAgainstTopology } from '../scenario/check-against-topology.ts';
import { parseScenario } from '../scenario/parse-scenario.ts';
import type { Scenario } from '../scenario/types.ts';
import { labNames } from './lab-names.ts';
import { loadLabPlan } from './lab-plan.ts';

/** Reads, parses and checks a scenario and the plan of the lab it runs on. */
export async function loadScenario(
  runtime: ContainerRuntime,
  file: string,
  options: { readonly lab?: string; readonly pool?: string } = {},
): Promise<{ readonly scenario: Scenario; readonly plan: AddressPlan }> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputInvalidError('SCENARIO_INVALID', [{ file: path, line: 1, column: 1, path: '', message: `cannot read the scenario: ${(error as Error).message}` }]);
  }
  const scenario = parseScenario(text, path);
  const plan = await loadLabPlan(runtime, scenario.lab, { ...(options.lab ? { lab: options.lab } : {}), ...(options.pool ? { pool: options.pool } : {}) });
  const issues = checkScenarioAgainstTopology(scenario, labNames(plan));
  if (issues.length > 0) throw new InputInvalidError('SCENARIO_INVALID', issues);
  return { scenario, plan };
}
