import { AnycastLabError } from '../errors.ts';
import { ROUTER_ROLES, type NodeRole } from '../plan/types.ts';
import { HOST_SETUP_ROLE, LABEL } from '../../../contracts/labels.ts';
import { networkName } from '../render/resource-names.ts';
import type { ContainerRuntime, ObservedContainer } from '../runtime/runtime.ts';
import { EXEC_PARALLELISM, probeOnce, readBgpPeers, type BgpPeerState } from './observe.ts';
import { monitoringUrlOf } from './monitoring.ts';
import { inParallel } from './parallel.ts';
import type { CatchmentEntry } from './readiness.ts';

/** A running lab as found by its labels alone: works for labs started by `up` or by compose. */
export interface LabStatus {
  readonly lab: string;
  readonly nodes: readonly { name: string; role: string; state: string }[];
  readonly bgp: readonly BgpPeerState[];
  readonly catchment: readonly CatchmentEntry[];
  /** Link impairments as each router's lab-init applied them (`link: dev: applied ...; not applied ...`). */
  readonly impairments: readonly string[];
  /** Where the lab's Prometheus answers (`up --monitoring`), while it runs. */
  readonly prometheusUrl?: string;
}

function mgmtAddress(lab: string, container: ObservedContainer): string | undefined {
  return container.addresses[networkName(lab, 'mgmt')];
}

async function readImpairments(runtime: ContainerRuntime, container: ObservedContainer): Promise<string[]> {
  const result = await runtime.exec(container.name, ['cat', '/run/anycast-lab/impairments'], { timeoutMs: 5000 });
  const node = container.labels[LABEL.node];
  return result.stdout.split('\n').filter(Boolean).map((line) => `${node}: ${line}`);
}

async function labContainers(runtime: ContainerRuntime, lab: string): Promise<ObservedContainer[]> {
  const containers = (await runtime.listContainers({ [LABEL.lab]: lab })).filter((c) => c.labels[LABEL.role] !== HOST_SETUP_ROLE);
  if (containers.length === 0) throw new AnycastLabError('LAB_NOT_FOUND', `no lab named "${lab}" here (\`anycast-lab status\` with no name lists the labs)`);
  return containers;
}

function runningRouters(containers: readonly ObservedContainer[]): ObservedContainer[] {
  return containers.filter((c) => c.state === 'running' && ROUTER_ROLES.has(c.labels[LABEL.role] as NodeRole));
}

async function collectImpairments(runtime: ContainerRuntime, routers: readonly ObservedContainer[]): Promise<string[]> {
  const impairments: string[] = [];
  await inParallel(routers, EXEC_PARALLELISM, async (c) => {
    impairments.push(...(await readImpairments(runtime, c).catch(() => [])));
  });
  return impairments.sort();
}

/** The link impairments alone (what `up` reports once), without reading BGP or asking the probes. */
export async function readLabImpairments(runtime: ContainerRuntime, lab: string): Promise<string[]> {
  return collectImpairments(runtime, runningRouters(await labContainers(runtime, lab)));
}

export async function readLabStatus(runtime: ContainerRuntime, lab: string): Promise<LabStatus> {
  const containers = await labContainers(runtime, lab);
  const routers = runningRouters(containers);
  const bgp: BgpPeerState[] = [];
  await inParallel(routers, EXEC_PARALLELISM, async (c) => {
    bgp.push(...(await readBgpPeers(runtime, c.name, c.labels[LABEL.node]!).catch(() => [])));
  });
  const impairments = await collectImpairments(runtime, routers);
  const catchment: CatchmentEntry[] = [];
  const probes = containers.filter((c) => c.state === 'running' && c.labels[LABEL.role] === 'probe');
  await inParallel(probes, EXEC_PARALLELISM, async (c) => {
    const entry = { client: c.labels[LABEL.group] ?? '?', probe: c.labels[LABEL.node]! };
    const address = mgmtAddress(lab, c);
    const answer = address ? await probeOnce(address).catch(() => ({ outcome: 'agent-unreachable' })) : { outcome: 'no-mgmt-address' };
    catchment.push({ ...entry, ...answer });
  });
  const prometheus = monitoringUrlOf(lab, containers);
  return {
    lab,
    nodes: containers
      .map((c) => ({ name: c.labels[LABEL.node] ?? c.name, role: c.labels[LABEL.role] ?? '?', state: c.state }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    bgp: bgp.sort((a, b) => a.router.localeCompare(b.router) || a.peer.localeCompare(b.peer)),
    catchment: catchment.sort((a, b) => a.probe.localeCompare(b.probe)),
    impairments,
    ...(prometheus ? { prometheusUrl: prometheus } : {}),
  };
}

/** Links on which some impairment could not be applied, from status lines (`node: link dev: ...`). */
export function linksWithUnappliedImpairments(lines: readonly string[]): string[] {
  const links = lines.filter((l) => l.includes('not applied')).map((l) => l.split(' ')[1] ?? '');
  return [...new Set(links)].filter(Boolean).sort();
}
