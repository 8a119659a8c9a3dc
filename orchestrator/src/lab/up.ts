import { AnycastLabError, interrupted, LabNotReadyError } from '../errors.ts';
import type { Topology } from '../model/types.ts';
import { planAddresses } from '../plan/addressing.ts';
import { findAddressCollisions, type ExistingNetwork, type HostRoute } from '../plan/collisions.ts';
import type { AddressPlan } from '../plan/types.ts';
import { IMAGE_NAMES, imageRef, type ImageName } from '../../../contracts/images.ts';
import { LABEL } from '../../../contracts/labels.ts';
import { renderLabSpec } from '../render/lab-spec.ts';
import type { LabSpec } from '../render/lab-spec-types.ts';
import { readHostRoutes } from '../host/routes.ts';
import { ensureImages } from '../host/setup.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import { isNoop, planReconcile, type ReconcilePlan } from './reconcile.ts';
import type { Progress } from '../progress.ts';
import { removeLab } from './down.ts';
import { pendingReporter, waitUntilReady, type Readiness } from './readiness.ts';
import { inParallel } from './parallel.ts';
import { WaitTimeoutError } from '../wait/wait-for.ts';
import { findNameConflicts } from './name-conflicts.ts';
import { labHasMonitoring, prometheusUrl, waitForPrometheus } from './monitoring.ts';
import { monitoringAddress } from '../plan/monitoring-address.ts';

export interface UpOptions {
  readonly readyTimeoutMs?: number;
  readonly buildImages?: boolean;
  readonly signal?: AbortSignal;
  /** Where the host's routes come from (checked for address collisions); the host's own by default. */
  readonly hostRoutes?: () => Promise<readonly HostRoute[]>;
  /**
   * The lab's Prometheus (docs/monitoring.md): true adds it, false removes it; left out, a lab that
   * has one keeps it (so `chaos run` and a second `up` leave it alone).
   */
  readonly monitoring?: boolean;
}

export interface UpResult {
  readonly plan: AddressPlan;
  readonly spec: LabSpec;
  readonly changed: boolean;
  readonly readiness: Readiness;
  /** Where the lab's Prometheus answers, when it has one. */
  readonly prometheusUrl?: string;
}

const PARALLEL_CREATES = 6;
const PROMETHEUS_READY_MS = 60_000;

async function existingNetworks(runtime: ContainerRuntime): Promise<ExistingNetwork[]> {
  const networks = await runtime.listNetworks({});
  return networks.map((n) => ({
    name: n.name,
    subnets: n.subnets,
    bridge: n.bridge,
    ...(n.labels[LABEL.lab] ? { lab: n.labels[LABEL.lab] } : {}),
  }));
}

/** The images a lab's containers (and its host setup) are made from. */
function imagesOf(spec: LabSpec): ImageName[] {
  return [...new Set([...spec.containers.map((c) => c.image), spec.hostSetup.image])];
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interrupted();
}

/**
 * Brings a lab to the state its topology describes and waits until it is ready. Idempotent:
 * a lab that already matches is left alone. What can be known to fail (a name held by another lab,
 * a missing image, an address collision) is refused before anything changes. When creation fails
 * or is interrupted, a lab this call made is removed again; a lab that was up before is left as it
 * is (never removed by a failed `up`).
 */
export async function upLab(runtime: ContainerRuntime, topology: Topology, progress: Progress, options: UpOptions = {}): Promise<UpResult> {
  const plan = planAddresses(topology);
  await runtime.ping();
  const monitoring = options.monitoring ?? (await labHasMonitoring(runtime, plan.lab));
  const spec = renderLabSpec(plan, { monitoring });

  const collisions = findAddressCollisions(plan, await (options.hostRoutes ?? readHostRoutes)(), await existingNetworks(runtime));
  if (collisions.length > 0) {
    throw new AnycastLabError(
      'ADDRESS_COLLISION',
      `${topology.file}: the lab's addresses collide with what exists on this host:\n` +
        collisions.map((c) => `  ${c.what} ${c.prefix} overlaps ${c.with}`).join('\n') +
        `\nChoose another addressing.pool (or --pool), or remove what it collides with.`,
    );
  }
  if (options.buildImages !== false) await ensureImages(runtime, progress, imagesOf(spec));

  const everyContainer = await runtime.listContainers({});
  const everyNetwork = await runtime.listNetworks({});
  const conflicts = findNameConflicts(spec, everyContainer, everyNetwork);
  if (conflicts.length > 0) {
    throw new AnycastLabError(
      'LAB_CONFLICT',
      `lab ${plan.lab} would take names that are not its own:\n${conflicts.map((c) => `  ${c}`).join('\n')}\n` +
        'Name the lab differently (--name), or remove what holds those names.',
    );
  }
  const existing = everyContainer.filter((c) => c.labels[LABEL.lab] === plan.lab);
  const existingOwn = everyNetwork.filter((n) => n.labels[LABEL.lab] === plan.lab);
  const imageIds = Object.fromEntries(
    await Promise.all(IMAGE_NAMES.map(async (name) => [name, await runtime.imageId(imageRef(name))] as const)),
  );
  const missing = imagesOf(spec).filter((name) => imageIds[name] === undefined);
  if (missing.length > 0) {
    throw new AnycastLabError('IMAGE_BUILD_FAILED', `no image ${missing.map(imageRef).join(', ')}: run \`anycast-lab setup\` (or up without --no-build)`);
  }
  const reconcile = planReconcile(spec, existing, existingOwn, imageIds);
  const changed = !isNoop(reconcile);
  // A lab that was up before this call is never taken away by it: on failure it is left as it is.
  const wasUp = existing.length > 0 || existingOwn.length > 0;
  if (!changed) {
    progress.step(`lab ${plan.lab} is already up with ${reconcile.unchanged} containers; nothing to change`);
  } else {
    progress.step(`lab ${plan.lab}: ${spec.containers.length} containers on ${spec.networks.length} networks` + (reconcile.unchanged ? ` (${reconcile.unchanged} already right)` : ''));
  }
  try {
    if (changed) await applyReconcile(runtime, spec, reconcile, progress, options.signal);
    progress.step('waiting until every BGP session is Established and every client is served');
    const readiness = await waitUntilReady(runtime, plan, {
      timeoutMs: options.readyTimeoutMs ?? 120_000,
      ...(options.signal ? { signal: options.signal } : {}),
      onPending: pendingReporter((line) => progress.step(line)),
    });
    if (!monitoring) return { plan, spec, changed, readiness };
    const url = prometheusUrl(monitoringAddress(plan));
    progress.step(`waiting until Prometheus answers at ${url}`);
    await waitForPrometheus(url, { timeoutMs: PROMETHEUS_READY_MS, ...(options.signal ? { signal: options.signal } : {}) });
    return { plan, spec, changed, readiness, prometheusUrl: url };
  } catch (error) {
    // A lab this call was making is taken away again, unless it only failed to become ready
    // or its Prometheus did not answer in time (then it stays for `anycast-lab status` to show why;
    // `down` removes it).
    if (changed && wasUp) {
      progress.warn(`up did not finish; lab ${plan.lab} was up before and is left as it is (\`anycast-lab status\` shows it): ${(error as Error).message}`);
    } else if (changed && !(error instanceof LabNotReadyError || error instanceof WaitTimeoutError)) {
      progress.warn(`up did not finish, removing lab ${plan.lab}: ${(error as Error).message}`);
      await removeLab(runtime, plan.lab).catch((cleanup: unknown) => progress.warn(`removing lab ${plan.lab} failed too: ${(cleanup as Error).message}`));
    }
    throw error;
  }
}

async function applyReconcile(runtime: ContainerRuntime, spec: LabSpec, reconcile: ReconcilePlan, progress: Progress, signal: AbortSignal | undefined): Promise<void> {
  // One at a time, as in removeLab (Docker 20.10 leaves stale endpoints otherwise).
  for (const name of reconcile.removeContainers) await runtime.removeContainer(name);
  for (const name of reconcile.removeNetworks) await runtime.removeNetwork(name);
  let done = 0;
  await inParallel(reconcile.createNetworks, PARALLEL_CREATES, async (net) => {
    checkAborted(signal);
    await runtime.createNetwork(net);
    progress.count('networks', ++done, reconcile.createNetworks.length);
  });
  // The firewall rules come once their bridges exist; each carries the lab's name, so `down` finds
  // them even after an `up` that was killed half way.
  checkAborted(signal);
  const opened = await runtime.runHostSetup(spec.hostSetup, imageRef(spec.hostSetup.image));
  if (opened.exitCode !== 0) throw new AnycastLabError('LAB_CONFLICT', `lab-bridges failed (exit ${opened.exitCode}): ${opened.stdout.trim()}`);
  done = 0;
  await inParallel(reconcile.createContainers, PARALLEL_CREATES, async (container) => {
    checkAborted(signal);
    await runtime.createContainer(container, imageRef(container.image));
    progress.count('containers', ++done, reconcile.createContainers.length);
  });
}
