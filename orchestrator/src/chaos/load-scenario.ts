import { resolve } from 'node:path';
import { InputInvalidError } from '../errors.ts';
import { readInputFile } from '../model/input-file.ts';
import { loadTopology } from '../model/topology.ts';
import { planAddresses } from '../plan/addressing.ts';
import type { AddressPlan } from '../plan/types.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import { checkScenarioAgainstTopology } from '../scenario/check-against-topology.ts';
import { parseScenario } from '../scenario/parse-scenario.ts';
import type { Scenario } from '../scenario/types.ts';
import { labNames } from '../lab/lab-names.ts';
import { loadLabPlan } from '../lab/lab-plan.ts';

export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly plan: AddressPlan;
}

/** Reads and parses a scenario file; the lab's topology is not read yet. */
export async function readScenarioFile(file: string): Promise<Scenario> {
  const path = resolve(file);
  return parseScenario(await readInputFile(path, 'SCENARIO_INVALID'), path);
}

function checkNames(scenario: Scenario, plan: AddressPlan): LoadedScenario {
  const issues = checkScenarioAgainstTopology(scenario, labNames(plan));
  if (issues.length > 0) throw new InputInvalidError('SCENARIO_INVALID', issues);
  return { scenario, plan };
}

/** Reads, parses and checks a scenario and the plan of the running lab it acts on. */
export async function loadScenario(
  runtime: ContainerRuntime,
  file: string,
  options: { readonly lab?: string; readonly pool?: string } = {},
): Promise<LoadedScenario> {
  const scenario = await readScenarioFile(file);
  const plan = await loadLabPlan(runtime, scenario.lab, { ...(options.lab ? { lab: options.lab } : {}), ...(options.pool ? { pool: options.pool } : {}) });
  return checkNames(scenario, plan);
}

/**
 * The same checks without any engine: the scenario, its topology file and every name the scenario
 * uses against that topology's plan (`anycast-lab validate SCENARIO`).
 */
export async function checkScenarioOffline(file: string): Promise<LoadedScenario> {
  const scenario = await readScenarioFile(file);
  return checkNames(scenario, planAddresses(await loadTopology(scenario.lab)));
}
