import { AnycastLabError } from '../errors.ts';
import { silentProgress, type Progress } from '../progress.ts';
import { waitUntilReady } from '../lab/readiness.ts';
import { upLab } from '../lab/up.ts';
import { buildSkippedReport } from '../report/build-run-report.ts';
import type { RunReport } from '../report/types.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import { planBgpOverrides } from './bgp-overrides.ts';
import { FaultController } from './faults/fault-controller.ts';
import { FaultStore } from './faults/fault-store.ts';
import type { AttackStore } from './attacks/attack-store.ts';
import { probeKernel } from './faults/kernel.ts';
import { loadScenario } from './load-scenario.ts';
import { measuredRun } from './measured-run.ts';

export interface RunOptions {
  /** Run on the lab of this name (default: the topology's). */
  readonly lab?: string;
  /** Addressing pool (default: the running lab's, else the topology's). */
  readonly pool?: string;
  readonly progress?: Progress;
  /** Abort (Ctrl-C): every fault the run made is taken back, then the run throws. */
  readonly signal?: AbortSignal;
  readonly buildImages?: boolean;
  readonly readyTimeoutMs?: number;
  /** How long the lab may take to settle after the last revert before the steady state is checked again. */
  readonly settleTimeoutMs?: number;
  /** The lab's fault state file (tests). */
  readonly store?: FaultStore;
  /** The lab's attack records (tests). */
  readonly attackStore?: AttackStore;
}

const DEFAULT_SETTLE_MS = 60_000;

/**
 * Runs a chaos scenario: brings its lab up if it is not, applies the scenario's BGP settings,
 * starts the probes, checks the steady state (and bails out, injecting nothing, when it does not
 * hold), runs the steps on the one clock, stops every attack it started and takes back every fault
 * it made (also on failure and on abort), lets the lab settle, checks the steady state again, and measures and reports.
 */
export async function runScenario(runtime: ContainerRuntime, file: string, options: RunOptions = {}): Promise<RunReport> {
  const progress = options.progress ?? silentProgress;
  const { scenario, plan } = await loadScenario(runtime, file, options);
  const overrides = planBgpOverrides(plan, scenario.bgp);
  progress.step(`scenario ${scenario.name} on lab ${plan.lab}`);
  const controller = new FaultController(runtime, plan, options.store ?? new FaultStore(plan.lab));
  const inForce = await controller.store.list();
  if (inForce.length > 0) {
    throw new AnycastLabError(
      'FAULT_IN_FORCE',
      `lab ${plan.lab} has faults in force (${inForce.map((f) => `${f.id}: ${f.kind} ${f.target}${f.revertFailed ? ' (revert failed)' : ''}`).join(', ')}); ` +
        `a run starts from a healthy lab: \`anycast-lab fault revert --all --lab ${plan.lab}\`` +
        (inForce.some((f) => f.revertFailed) ? ` (a revert that keeps failing: fix the lab, then \`anycast-lab fault revert --all --force --lab ${plan.lab}\`)` : ''),
    );
  }
  await upLab(runtime, plan.topology, progress, {
    ...(options.buildImages === undefined ? {} : { buildImages: options.buildImages }),
    ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (scenario.requires.includes('netem') && !(await probeKernel(runtime, plan)).netem) {
    const reason = 'needs netem (delay, jitter), and this kernel has none: CONFIG_NET_SCH_NETEM is not set';
    progress.warn(`${scenario.name}: skipped: ${reason}`);
    return buildSkippedReport(scenario, reason, Date.now());
  }
  const settleTimeoutMs = options.settleTimeoutMs ?? DEFAULT_SETTLE_MS;
  if (!overrides) return measuredRun(runtime, controller, scenario, { progress, settleTimeoutMs, signal: options.signal, attackStore: options.attackStore });
  progress.step(`BGP settings for this run: ${overrides.target}`);
  await controller.applyRecorded('bgp-overrides', 'bgp-overrides', overrides, options.signal);
  try {
    await waitUntilReady(runtime, plan, { timeoutMs: settleTimeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
    return await measuredRun(runtime, controller, scenario, { progress, settleTimeoutMs, signal: options.signal, attackStore: options.attackStore });
  } finally {
    progress.step("BGP settings back to the topology's");
    await controller.revert('bgp-overrides');
    await waitUntilReady(runtime, plan, { timeoutMs: settleTimeoutMs }).catch((error: unknown) => progress.warn((error as Error).message));
  }
}
