import { writeFile } from 'node:fs/promises';
import { AnycastLabError } from '../../errors.ts';
import { FaultController, revertRecordedFaults, type InjectedFault } from '../../chaos/faults/fault-controller.ts';
import { FaultStore } from '../../chaos/faults/fault-store.ts';
import { checkLabMatches, loadLabPlan } from '../../chaos/lab-plan.ts';
import { runScenario } from '../../chaos/runner.ts';
import { streamProgress } from '../../lab/progress.ts';
import { formatMs } from '../../model/units.ts';
import { REPAIR_KINDS, type FaultKind } from '../../scenario/types.ts';
import { renderJunitXml } from '../../report/render-junit-xml.ts';
import { renderReportJson } from '../../report/render-report-json.ts';
import { renderReportTable } from '../../report/render-report-table.ts';
import { DockerRuntime } from '../../runtime/docker.ts';
import { durationFlag, parseCommandArgs } from '../args.ts';
import { resolveLab } from '../context.ts';
import { FAULT_USAGE, parseFaultArgs, type FaultFlags } from '../fault-args.ts';
import { renderTable } from '../table.ts';

const DEFAULT_TOPOLOGY = 'topology/world.yaml';
const INTERRUPTED_EXIT = 130;

/**
 * Ctrl-C while something runs: the first one aborts (the caller takes back what it made), a second
 * one exits at once and says how to clean up.
 */
function abortOnInterrupt(lab: () => string | undefined): { readonly signal: AbortSignal; readonly release: () => void } {
  const controller = new AbortController();
  const progress = streamProgress();
  const onSignal = (): void => {
    if (controller.signal.aborted) {
      const name = lab();
      progress.warn(`stopped; faults may be left in force: anycast-lab fault revert --all${name ? ` --lab ${name}` : ''}`);
      process.exit(INTERRUPTED_EXIT);
    }
    progress.warn('interrupted: taking back every fault (Ctrl-C again to stop at once)');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  return { signal: controller.signal, release: () => process.off('SIGINT', onSignal) };
}

export async function chaosCommand(argv: readonly string[]): Promise<number> {
  const usage = 'chaos run SCENARIO [--json FILE] [--junit FILE] [--lab LAB] [--pool CIDR] [--settle 60s] [--no-build]';
  const { values, positionals } = parseCommandArgs('chaos', argv, {
    json: { type: 'string' },
    junit: { type: 'string' },
    lab: { type: 'string' },
    pool: { type: 'string' },
    settle: { type: 'string' },
    'no-build': { type: 'boolean' },
  }, usage);
  const [sub, file, ...extra] = positionals;
  if (sub !== 'run' || file === undefined || extra.length > 0) {
    throw new AnycastLabError('USAGE', `anycast-lab chaos: expected \`run SCENARIO\`\nusage: anycast-lab ${usage}`);
  }
  const settleTimeoutMs = durationFlag('chaos', 'settle', values.settle, 60_000);
  const runtime = new DockerRuntime();
  await runtime.ping();
  const interrupt = abortOnInterrupt(() => values.lab);
  try {
    const report = await runScenario(runtime, file, {
      ...(values.lab ? { lab: values.lab } : {}),
      ...(values.pool ? { pool: values.pool } : {}),
      progress: streamProgress(),
      signal: interrupt.signal,
      buildImages: !values['no-build'],
      settleTimeoutMs,
    });
    process.stdout.write(`\n${renderReportTable(report)}`);
    if (report.faults.length === 0 && report.expectations.some((e) => e.phase === 'before' && !e.passed)) {
      process.stdout.write('\nthe steady state did not hold before the first step, so no fault was injected\n');
    }
    if (values.json) await writeFile(values.json, renderReportJson(report));
    if (values.junit) await writeFile(values.junit, renderJunitXml(report));
    return report.passed ? 0 : 1;
  } catch (error) {
    if (interrupt.signal.aborted) {
      process.stderr.write('anycast-lab chaos: interrupted; every fault the run made was taken back\n');
      return INTERRUPTED_EXIT;
    }
    throw error;
  } finally {
    interrupt.release();
  }
}

function describeInjected(fault: InjectedFault, askedAtMs: number): string {
  const when = `${new Date(fault.atMs).toISOString()} (${formatMs(Math.max(0, fault.atMs - askedAtMs))} after it was asked for)`;
  if (fault.repaired.length > 0) return `${fault.kind} ${fault.target}: done at ${when}; no longer in force: ${fault.repaired.join(', ')}\n`;
  if (REPAIR_KINDS.has(fault.kind as FaultKind)) return `${fault.kind} ${fault.target}: done at ${when}\n`;
  return `fault ${fault.id}: ${fault.kind} ${fault.target}, in force since ${when}\n  take it back: anycast-lab fault revert ${fault.id}\n`;
}

async function listFaults(store: FaultStore): Promise<number> {
  const faults = await store.list();
  if (faults.length === 0) {
    process.stdout.write(`lab ${store.lab}: no fault in force\n`);
    return 0;
  }
  const rows = faults.map((f) => [f.id, f.kind, f.target, new Date(f.appliedAtMs).toISOString(), String(f.pid)]);
  process.stdout.write(`${renderTable(['id', 'kind', 'target', 'since', 'pid'], rows)}\n`);
  return 0;
}

async function revertFaults(runtime: DockerRuntime, store: FaultStore, ids: 'all' | readonly string[]): Promise<number> {
  const reverted = await revertRecordedFaults(runtime, store, ids === 'all' ? undefined : ids);
  if (reverted.size === 0) process.stdout.write(`lab ${store.lab}: no fault in force\n`);
  for (const [id, atMs] of reverted) process.stdout.write(`reverted ${id} at ${new Date(atMs).toISOString()}\n`);
  return 0;
}

export async function faultCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('fault', argv, {
    lab: { type: 'string' },
    topology: { type: 'string' },
    pool: { type: 'string' },
    id: { type: 'string' },
    wait: { type: 'string' },
    delay: { type: 'string' },
    jitter: { type: 'string' },
    loss: { type: 'string' },
    rate: { type: 'string' },
    direction: { type: 'string' },
    count: { type: 'string' },
    period: { type: 'string' },
    'down-for': { type: 'string' },
    all: { type: 'boolean' },
  }, FAULT_USAGE);
  const { lab: labFlag, topology, pool, ...flags } = values;
  const command = parseFaultArgs(positionals, flags as FaultFlags);
  const runtime = new DockerRuntime();
  await runtime.ping();
  const lab = await resolveLab(runtime, labFlag);
  const store = new FaultStore(lab);
  if (command.command === 'list') return listFaults(store);
  if (command.command === 'revert') return revertFaults(runtime, store, command.ids);

  const plan = await loadLabPlan(runtime, topology ?? DEFAULT_TOPOLOGY, { lab, ...(pool ? { pool } : {}) });
  await checkLabMatches(runtime, plan);
  const controller = new FaultController(runtime, plan, store);
  const interrupt = abortOnInterrupt(() => lab);
  try {
    const askedAt = Date.now();
    const fault = await controller.inject(command.action, { ...(command.id ? { id: command.id } : {}), signal: interrupt.signal });
    process.stdout.write(describeInjected(fault, askedAt));
    if (fault.cycles === undefined) return 0;
    // A flap runs in this process: wait for its cycles, then bring it up for good.
    try {
      await Promise.race([fault.finished, new Promise((resolve) => interrupt.signal.addEventListener('abort', resolve, { once: true }))]);
    } finally {
      await controller.revert(fault.id);
    }
    for (const [i, cycle] of fault.cycles.entries()) {
      process.stdout.write(`  cycle ${i + 1}: down ${new Date(cycle.downAtMs).toISOString()}, up ${cycle.upAtMs === undefined ? '-' : new Date(cycle.upAtMs).toISOString()}\n`);
    }
    process.stdout.write(`flap ${fault.id} ${interrupt.signal.aborted ? 'stopped' : 'done'}; ${fault.target} is up\n`);
    return interrupt.signal.aborted ? INTERRUPTED_EXIT : 0;
  } finally {
    interrupt.release();
  }
}
