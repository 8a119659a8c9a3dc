import { AnycastLabError } from '../../errors.ts';
import type { FlapCycle } from '../../measure/timeline.ts';
import type { AddressPlan } from '../../plan/types.ts';
import type { ContainerRuntime } from '../../runtime/runtime.ts';
import { planFault, repairs, REPAIR_KINDS, type FaultAction } from '../../faults/registry.ts';
import { sleep } from '../../wait/wait-for.ts';
import { executeStages } from './execute.ts';
import { FaultStore, type FaultRecord } from './fault-store.ts';
import { probeKernel } from './kernel.ts';
import type { FaultPlan, FaultStage, FlapPlan } from '../../faults/fault-plan.ts';
import type { KernelFeatures } from '../../plan/link-carrier.ts';

/** A fault as it went in: its time on the lab's clock, and what it ended if it was a repair. */
export interface InjectedFault {
  readonly id: string;
  readonly kind: string;
  readonly target: string;
  /** When it took effect (epoch ms). */
  readonly atMs: number;
  /** Faults in force that this repair ended (they need no revert of their own any more). */
  readonly repaired: readonly string[];
  /** Flaps: each down/up cycle, filled in as it happens. */
  readonly cycles?: readonly FlapCycle[];
  /** Flaps: settles when the last cycle is up again, or the flap was stopped. */
  readonly finished: Promise<void>;
}

interface RunningFlap {
  readonly stop: AbortController;
  readonly loop: Promise<void>;
}

export interface RevertOptions {
  /** Strike the faults out even when taking them back fails (`fault revert --all --force`). */
  readonly force?: boolean;
}

/**
 * Takes back recorded faults (all of them, or those named), from the state file alone. Returns when
 * each went. A fault whose revert fails stays recorded, marked as such (it is still in force, as
 * far as anyone knows), unless `force`; the failures are thrown together at the end.
 */
export async function revertRecordedFaults(
  runtime: ContainerRuntime,
  store: FaultStore,
  ids?: readonly string[],
  options: RevertOptions = {},
): Promise<Map<string, number>> {
  const records = await store.list();
  const chosen = ids === undefined ? records : records.filter((r) => ids.includes(r.id));
  const missing = (ids ?? []).filter((id) => !records.some((r) => r.id === id));
  if (missing.length > 0) {
    throw new AnycastLabError('USAGE', `no fault ${missing.join(', ')} in force in lab ${store.lab} (in force: ${records.map((r) => r.id).join(', ') || 'none'})`);
  }
  const reverted = new Map<string, number>();
  const failures: string[] = [];
  // Newest first: a later fault may rest on an earlier one.
  for (const record of [...chosen].reverse()) {
    try {
      reverted.set(record.id, await executeStages(runtime, store.lab, record.revert, 'revert'));
      await store.remove([record.id]);
    } catch (error) {
      const message = (error as Error).message;
      failures.push(`${record.id} (${record.kind} ${record.target}): ${message}`);
      if (options.force) await store.remove([record.id]);
      else await store.markRevertFailed(record.id, message);
    }
  }
  if (failures.length > 0) {
    const after = options.force
      ? 'struck out all the same (--force): check the lab with `anycast-lab status`'
      : `still recorded as in force: \`anycast-lab fault revert --lab ${store.lab} ID\` tries again, \`anycast-lab fault revert --all --force --lab ${store.lab}\` forgets them`;
    throw new AnycastLabError('FAULT_FAILED', `${failures.join('\n')}\n${after}`);
  }
  return reverted;
}

/**
 * Injects and reverts faults in one lab, from the TS API, the CLI and the chaos runner. Every
 * fault is recorded in the lab's state file before it is applied; a fault that fails half way is
 * taken back at once. Flaps run in the background of the process that started them.
 */
export class FaultController {
  private readonly flaps = new Map<string, RunningFlap>();
  private kernel: KernelFeatures | undefined;

  constructor(
    readonly runtime: ContainerRuntime,
    readonly plan: AddressPlan,
    readonly store: FaultStore = new FaultStore(plan.lab),
  ) {}

  async inject(action: FaultAction, options: { id?: string; signal?: AbortSignal } = {}): Promise<InjectedFault> {
    const kernel = action.kind === 'link-impair' ? await this.kernelFeatures() : { netem: false };
    const plan = planFault(this.plan, action, kernel);
    const id = options.id ?? (await this.freeId(action.kind));
    if (REPAIR_KINDS.has(action.kind)) return this.repair(id, action, plan, options.signal);
    await this.store.add({ id, kind: action.kind, target: plan.target, action, appliedAtMs: Date.now(), pid: process.pid, revert: plan.revert });
    if (plan.flap) return this.startFlap(id, action, plan.target, plan.flap, options.signal);
    const atMs = await this.applyOrTakeBack(id, plan.apply, options.signal);
    return { id, kind: action.kind, target: plan.target, atMs, repaired: [], finished: Promise.resolve() };
  }

  /** Applies stages recorded under `id` (e.g. a scenario's BGP overrides); returns when they took effect. */
  async applyRecorded(id: string, kind: string, plan: FaultPlan, signal?: AbortSignal): Promise<number> {
    await this.store.add({ id, kind, target: plan.target, appliedAtMs: Date.now(), pid: process.pid, revert: plan.revert });
    return this.applyOrTakeBack(id, plan.apply, signal);
  }

  /** Takes one fault back; returns when that took effect. */
  async revert(id: string): Promise<number> {
    await this.stopCycles(id);
    const reverted = await revertRecordedFaults(this.runtime, this.store, [id]);
    return reverted.get(id)!;
  }

  /** Takes back every fault in force in the lab (or those named), newest first. */
  async revertAll(ids?: readonly string[], options: RevertOptions = {}): Promise<Map<string, number>> {
    for (const id of ids ?? [...this.flaps.keys()]) await this.stopCycles(id);
    return revertRecordedFaults(this.runtime, this.store, ids, options);
  }

  private async applyOrTakeBack(id: string, stages: readonly FaultStage[], signal: AbortSignal | undefined): Promise<number> {
    try {
      return await executeStages(this.runtime, this.plan.lab, stages, 'apply', signal);
    } catch (error) {
      await revertRecordedFaults(this.runtime, this.store, [id]).catch(() => undefined);
      throw error;
    }
  }

  private async repair(id: string, action: FaultAction, plan: FaultPlan, signal: AbortSignal | undefined): Promise<InjectedFault> {
    const ended = (await this.store.list()).filter((r) => r.action !== undefined && repairs(this.plan, action, r.action)).map((r) => r.id);
    for (const fault of ended) await this.stopCycles(fault);
    const atMs = await executeStages(this.runtime, this.plan.lab, plan.apply, 'apply', signal);
    await this.store.remove(ended);
    return { id, kind: action.kind, target: plan.target, atMs, repaired: ended, finished: Promise.resolve() };
  }

  private async startFlap(id: string, action: FaultAction, target: string, flap: FlapPlan, signal: AbortSignal | undefined): Promise<InjectedFault> {
    const stop = new AbortController();
    const first = await this.applyOrTakeBack(id, flap.down, signal);
    const cycles: FlapCycle[] = [{ downAtMs: first }];
    const loop = this.runFlap(id, flap, first, cycles, stop.signal).catch((error: unknown) => {
      if (!stop.signal.aborted) throw error;
    });
    // Failures reach whoever awaits `finished`; none is left unhandled when nobody does.
    loop.catch(() => undefined);
    this.flaps.set(id, { stop, loop });
    return { id, kind: action.kind, target, atMs: first, repaired: [], cycles, finished: loop };
  }

  /**
   * The rest of a flap after its first down, each step at its time from the first down. A flap taken
   * back by another process (no longer in the lab's state file) takes no further link down.
   */
  private async runFlap(id: string, flap: FlapPlan, startMs: number, cycles: FlapCycle[], signal: AbortSignal): Promise<void> {
    for (let i = 0; i < flap.count; i++) {
      const cycleStart = startMs + i * flap.periodMs;
      if (i > 0) {
        await sleep(cycleStart - Date.now(), signal);
        if (!(await this.store.list()).some((r) => r.id === id)) return;
        cycles.push({ downAtMs: await executeStages(this.runtime, this.plan.lab, flap.down, 'apply', signal) });
      }
      await sleep(cycleStart + flap.downForMs - Date.now(), signal);
      const upAtMs = await executeStages(this.runtime, this.plan.lab, flap.up, 'apply', signal);
      cycles[i] = { ...cycles[i]!, upAtMs };
    }
  }

  /** Stops a flap's cycles (it stays in force as its last step left it); nothing when `id` is no flap of this controller. */
  async stopCycles(id: string): Promise<void> {
    const flap = this.flaps.get(id);
    if (!flap) return;
    flap.stop.abort();
    await flap.loop.catch(() => undefined);
    this.flaps.delete(id);
  }

  private async kernelFeatures(): Promise<KernelFeatures> {
    this.kernel ??= await probeKernel(this.runtime, this.plan);
    return this.kernel;
  }

  private async freeId(kind: string): Promise<string> {
    const taken = new Set((await this.store.list()).map((r) => r.id));
    let n = 1;
    while (taken.has(`${kind}-${n}`)) n++;
    return `${kind}-${n}`;
  }
}
