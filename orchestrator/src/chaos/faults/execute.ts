import type { AnnouncementView } from '../../../../contracts/edge-admin.ts';
import { AnycastLabError, interrupted } from '../../errors.ts';
import { readBgpPeers } from '../../lab/observe.ts';
import { inParallel } from '../../lab/parallel.ts';
import { containerName } from '../../render/resource-names.ts';
import type { ContainerRuntime } from '../../runtime/runtime.ts';
import { effectiveTime } from '../../faults/container-commands.ts';
import type { FaultOp, FaultStage } from '../../faults/fault-plan.ts';
import { errorsAsMissing, notYet, ready, sleep, waitFor } from '../../wait/wait-for.ts';

/**
 * Runs a fault's stages against the lab. `apply` stops at the first failure; `revert` runs every
 * operation whatever fails before it (a revert must take back all it can) and reports every failure.
 * Returns the fault's time on the lab's one clock: the earliest time an operation of the first stage
 * took effect (a command's own `@effective` stamp, the engine's exit time of a killed container, or
 * else the moment the operation was asked for).
 */

export type ExecuteMode = 'apply' | 'revert';

const EXEC_TIMEOUT_MS = 30_000;
const HTTP_TIMEOUT_MS = 10_000;
/** Each poll of a router is a docker exec: not more often, or the work starves the lab's bfdd. */
const POLL_MS = 500;
const PARALLEL_OPS = 8;
const EXEC_READY_TIMEOUT_MS = 20_000;
const EXEC_READY_POLL_MS = 200;

/** One line naming an operation, for errors: `west: lab-cut LAB-CRASH 198.19.1.11`. */
export function describeOp(op: FaultOp): string {
  switch (op.op) {
    case 'exec': {
      // Scripts run as `bash -c BODY NAME ARGS...`: show NAME ARGS (vtysh lines are the args).
      const shown = op.argv[0] === 'bash' && op.argv[1] === '-c' ? op.argv.slice(3) : op.argv;
      return `${op.node}: ${shown.filter((a) => a !== '-c').join(' ')}`;
    }
    case 'kill':
    case 'resume':
      return `${op.node}: ${op.op}`;
    case 'post':
      return `${op.node}: POST ${op.url}`;
    case 'sleep':
      return `sleep ${op.ms} ms`;
    case 'await-announcement':
      return `${op.node}: until announcement is ${op.state}`;
    case 'await-sessions':
      return `${op.node}: until BGP with ${op.peers.join(', ')} is Established`;
  }
}

/**
 * A container Docker has just started does not always take commands yet: here (Docker 20.10) the
 * first `docker exec` within a second of `docker start` now and then ends at once with 126 or 130
 * and no output, having run nothing. So a start counts as done when a no-op exec succeeds.
 */
async function awaitExecReady(runtime: ContainerRuntime, container: string, signal: AbortSignal | undefined): Promise<void> {
  await waitFor(
    errorsAsMissing(async () => {
      const { exitCode } = await runtime.exec(container, ['true'], { timeoutMs: EXEC_TIMEOUT_MS });
      return exitCode === 0 ? ready(true) : notYet(`a no-op command exited ${exitCode}`);
    }),
    { what: `${container} to take commands after its start`, timeoutMs: EXEC_READY_TIMEOUT_MS, intervalMs: EXEC_READY_POLL_MS, signal },
  );
}

async function runOp(runtime: ContainerRuntime, lab: string, op: FaultOp, signal: AbortSignal | undefined): Promise<number | undefined> {
  const askedAt = Date.now();
  const container = 'node' in op ? containerName(lab, op.node) : '';
  switch (op.op) {
    case 'exec': {
      const result = await runtime.exec(container, op.argv, { timeoutMs: EXEC_TIMEOUT_MS });
      if (result.exitCode !== 0) {
        const output = `${result.stderr}${result.stdout}`.replace(/^@effective \d+\n/gm, '').trim();
        throw new Error(`exited ${result.exitCode}${output ? `: ${output}` : ''}`);
      }
      return effectiveTime(result.stdout) ?? askedAt;
    }
    case 'kill': {
      await runtime.kill(container);
      const { finishedAtMs } = await runtime.inspectContainer(container);
      return finishedAtMs || askedAt;
    }
    case 'resume': {
      const { state } = await runtime.inspectContainer(container);
      if (state === 'paused') await runtime.unpause(container);
      else if (state !== 'running') {
        await runtime.start(container);
        await awaitExecReady(runtime, container, signal);
      }
      return askedAt;
    }
    case 'post': {
      const response = await fetch(op.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(op.body),
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      return askedAt;
    }
    case 'sleep':
      await sleep(op.ms, signal);
      return undefined;
    case 'await-announcement':
      await waitFor(
        errorsAsMissing(async () => {
          const response = await fetch(op.url, { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
          const { state } = (await response.json()) as Partial<AnnouncementView>;
          return state === op.state ? ready(true) : notYet(`announcement is ${state ?? 'unknown'}`);
        }),
        { what: `the announcement of ${op.node} to be ${op.state}`, timeoutMs: op.timeoutMs, intervalMs: POLL_MS, signal },
      );
      return undefined;
    case 'await-sessions':
      await waitFor(
        errorsAsMissing(async () => {
          const peers = await readBgpPeers(runtime, container, op.node);
          const down = op.peers.filter((p) => peers.find((s) => s.peer === p)?.state !== 'Established');
          return down.length === 0 ? ready(true) : notYet(`not Established: ${down.join(', ')}`);
        }),
        { what: `the BGP sessions of ${op.node} to be Established`, timeoutMs: op.timeoutMs, intervalMs: POLL_MS, signal },
      );
      return undefined;
  }
}

async function runStage(
  runtime: ContainerRuntime,
  lab: string,
  stage: FaultStage,
  signal: AbortSignal | undefined,
  failures: string[],
): Promise<number | undefined> {
  const times: number[] = [];
  await inParallel(stage, PARALLEL_OPS, async (op) => {
    try {
      const time = await runOp(runtime, lab, op, signal);
      if (time !== undefined) times.push(time);
    } catch (error) {
      failures.push(`${describeOp(op)}: ${(error as Error).message}`);
    }
  });
  return times.length > 0 ? Math.min(...times) : undefined;
}

/** Runs the stages; returns the time the first stage took effect (or when it started, without one). */
export async function executeStages(
  runtime: ContainerRuntime,
  lab: string,
  stages: readonly FaultStage[],
  mode: ExecuteMode,
  signal?: AbortSignal,
): Promise<number> {
  const started = Date.now();
  const failures: string[] = [];
  let effectiveAt: number | undefined;
  for (const [index, stage] of stages.entries()) {
    if (mode === 'apply' && signal?.aborted) throw interrupted();
    const time = await runStage(runtime, lab, stage, mode === 'apply' ? signal : undefined, failures);
    if (index === 0) effectiveAt = time;
    if (mode === 'apply' && failures.length > 0) break;
  }
  if (failures.length > 0) {
    if (mode === 'apply' && signal?.aborted) throw interrupted();
    throw new AnycastLabError('FAULT_FAILED', `${mode === 'apply' ? 'could not apply' : 'could not take back'}:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  }
  return effectiveAt ?? started;
}
