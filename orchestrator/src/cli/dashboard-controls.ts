import { ATTACK_KIND_NAMES, ATTACK_KINDS } from '../../../contracts/attack-kinds.ts';
import { describeField, type FieldSpecs } from '../../../contracts/field-spec.ts';
import { startAttack, stopAttack } from '../chaos/attacks/attack-control.ts';
import { planAttack } from '../chaos/attacks/attack-plan.ts';
import { AttackStore } from '../chaos/attacks/attack-store.ts';
import { FaultController } from '../chaos/faults/fault-controller.ts';
import type { ActionAnswer, AttackControl, AttackRequest, ControlField, FaultControl, FaultRequest } from '../dashboard/dashboard-api.ts';
import type { DashboardControls } from '../dashboard/dashboard-server.ts';
import { AnycastLabError } from '../errors.ts';
import { TARGET_SYNTAX } from '../faults/fault-target.ts';
import { FAULT_KINDS, faultKind, isFaultKind } from '../faults/registry.ts';
import type { AddressPlan } from '../plan/types.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import { parseAttackStart } from './attack-args.ts';
import { parseFaultArgs } from './fault-args.ts';

/** The dashboard's buttons, made of what the `fault` and `attack` commands do: the same registries, parsers and records. */

function controlFields(fields: FieldSpecs): ControlField[] {
  return Object.entries(fields).map(([name, spec]) => ({ name, doc: spec.doc, hint: describeField(spec), required: spec.required === true }));
}

/** Every fault kind the buttons offer, from the fault registry. */
export function faultControls(): FaultControl[] {
  return FAULT_KINDS.map((kind) => {
    const spec = faultKind(kind);
    return { kind, description: spec.summary, target: TARGET_SYNTAX[spec.target].args, fields: controlFields(spec.fields) };
  });
}

/** Every attack kind, from the attack registry. */
export function attackControls(): AttackControl[] {
  return ATTACK_KIND_NAMES.map((kind) => ({ kind, description: ATTACK_KINDS[kind].description, fields: controlFields(ATTACK_KINDS[kind].fields) }));
}

/** A fault id the page can take back again (the revert route's pattern). */
const FAULT_ID = /^[A-Za-z0-9._-]{1,64}$/;

export class LabControls implements DashboardControls {
  readonly #controller: FaultController;
  readonly #plan: AddressPlan;
  readonly #attacks: AttackStore;
  /** Flaps run in this process: they are brought up when the dashboard stops. */
  readonly #flaps = new Set<string>();
  readonly #warn: (message: string) => void;
  #closing = false;

  constructor(runtime: ContainerRuntime, plan: AddressPlan, warn: (message: string) => void) {
    this.#warn = warn;
    this.#plan = plan;
    this.#controller = new FaultController(runtime, plan);
    this.#attacks = new AttackStore(plan.lab);
  }

  async injectFault(request: FaultRequest): Promise<ActionAnswer> {
    if (!isFaultKind(request.kind)) throw new AnycastLabError('USAGE', `unknown fault kind "${request.kind.slice(0, 40)}"; kinds: ${FAULT_KINDS.join(', ')}`);
    const id = request.fields['id'];
    if (id !== undefined && !FAULT_ID.test(id)) throw new AnycastLabError('USAGE', 'id: letters, digits, ".", "_" and "-", at most 64');
    if (this.#closing) throw new AnycastLabError('USAGE', 'the dashboard is stopping');
    const command = parseFaultArgs([request.kind, ...request.target], request.fields);
    if (command.command !== 'inject') throw new AnycastLabError('USAGE', 'the dashboard injects faults; take them back with their Revert button');
    const fault = await this.#controller.inject(command.action, command.id ? { id: command.id } : {});
    if (fault.cycles !== undefined) {
      this.#flaps.add(fault.id);
      // A cycle that fails ends the flap: the link is brought up and the failure told, the process goes on.
      void fault.finished
        .catch((error: unknown) => this.#onFlapFailed(fault.id, error))
        .finally(() => this.#endFlap(fault.id));
    }
    const done = fault.repaired.length > 0 ? `; no longer in force: ${fault.repaired.join(', ')}` : '';
    return { ok: true, id: fault.id, message: `${fault.kind} ${fault.target}: in force as ${fault.id}${done}` };
  }

  async revertFault(id: string): Promise<ActionAnswer> {
    // An id not in force is refused by the revert itself (USAGE, naming the faults in force).
    await this.#controller.revert(id);
    this.#flaps.delete(id);
    return { ok: true, id, message: `reverted ${id}` };
  }

  async startAttack(request: AttackRequest): Promise<ActionAnswer> {
    if (this.#closing) throw new AnycastLabError('USAGE', 'the dashboard is stopping');
    const { settings, from } = parseAttackStart(request.kind, request.fields, request.from.join(','));
    const attack = planAttack(this.#plan, settings, from);
    const record = await startAttack(this.#attacks, attack, Number(settings['rate']));
    return { ok: true, id: record.id, message: `${record.id}: ${record.kind} from ${attack.bots.length} bots (${attack.from.join(', ')}) for ${attack.durationMs / 1000}s` };
  }

  async stopAttack(id: string): Promise<ActionAnswer> {
    const record = (await this.#attacks.list()).find((r) => r.id === id);
    if (!record) throw new AnycastLabError('USAGE', `no attack ${id} in lab ${this.#plan.lab}`);
    await stopAttack(record);
    return { ok: true, id, message: `stopped ${id}` };
  }

  /** Refuses new actions, then brings up every flap this dashboard started (their cycles run in this process), each on its own. */
  async close(): Promise<void> {
    this.#closing = true;
    for (const id of [...this.#flaps]) await this.#endFlap(id);
  }

  async #endFlap(id: string): Promise<void> {
    if (!this.#flaps.delete(id)) return;
    const inForce = (await this.#controller.store.list()).some((f) => f.id === id);
    try {
      // Taken back elsewhere (`fault revert`): only its cycles are left to stop.
      if (inForce) await this.#controller.revert(id);
      else await this.#controller.stopCycles(id);
    } catch (error) {
      this.#warn(`flap ${id} could not be brought up: ${error instanceof Error ? error.message : String(error)}; \`anycast-lab fault revert ${id} --lab ${this.#plan.lab}\``);
    }
  }

  #onFlapFailed(id: string, error: unknown): void {
    this.#warn(`flap ${id} stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
}
