import { resolve } from 'node:path';
import { AnycastLabError, InputInvalidError, type SourceIssue } from '../errors.ts';
import { planAttack } from './attacks/attack-plan.ts';
import { readInputFile } from '../input/input-file.ts';
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
  const names = checkScenarioAgainstTopology(scenario, labNames(plan));
  const issues = names.length > 0 ? names : checkAttackPlans(scenario, plan);
  if (issues.length > 0) throw new InputInvalidError('SCENARIO_INVALID', issues);
  return { scenario, plan };
}

/** Each attack step planned on the lab as `attack start` would plan it (e.g. a rate below one per second per bot is refused). */
function checkAttackPlans(scenario: Scenario, plan: AddressPlan): SourceIssue[] {
  return scenario.steps.flatMap((step) => {
    if (step.type !== 'attack') return [];
    try {
      planAttack(plan, step.settings, step.from);
      return [];
    } catch (error) {
      if (!(error instanceof AnycastLabError)) throw error;
      return [{ file: scenario.file, line: step.source.line, column: step.source.column, path: step.source.path, message: error.message.replace(/^--rate /, 'rate ').replace(/^--from /, 'from ') }];
    }
  });
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
export async function checkScenarioOffline(scenario: Scenario): Promise<LoadedScenario> {
  return checkNames(scenario, planAddresses(await loadTopology(scenario.lab)));
}
