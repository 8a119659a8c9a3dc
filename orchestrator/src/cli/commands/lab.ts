import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnycastLabError } from '../../errors.ts';
import { loadTopology } from '../../model/topology.ts';
import { validateTopologyFile } from '../../model/validate-file.ts';
import { formatSourceIssue } from '../../errors.ts';
import { planAddresses } from '../../plan/addressing.ts';
import { renderCompose, renderComposeEnv } from '../../render/compose.ts';
import { renderLabSpec } from '../../render/lab-spec.ts';
import { removeLab, listLabs } from '../../lab/down.ts';
import { streamProgress } from '../../lab/progress.ts';
import { linksWithUnappliedImpairments, readLabImpairments, readLabStatus, type LabStatus } from '../../lab/status.ts';
import { upLab } from '../../lab/up.ts';
import { DockerRuntime } from '../../runtime/docker.ts';
import { ensureEngine, ensureHostPackages, ensureImages } from '../../host/setup.ts';
import { bundleProgram, PROGRAMS, PROJECT_ROOT, type ProgramName } from '../../host/bundle.ts';
import { durationFlag, parseCommandArgs } from '../args.ts';
import { resolveLab } from '../context.ts';
import { renderTable } from '../table.ts';
import type { CatchmentEntry } from '../../lab/readiness.ts';

const DEFAULT_TOPOLOGY = 'topology/world.yaml';

export function catchmentTable(entries: readonly CatchmentEntry[]): string {
  return renderTable(
    ['client', 'probe', 'served by', 'latency'],
    entries.map((e) => [e.client, e.probe, e.pop ? `${e.pop}/${e.server}` : `(${e.outcome})`, e.latencyMs !== undefined ? `${e.latencyMs} ms` : '-']),
  );
}

export async function upCommand(argv: readonly string[]): Promise<number> {
  const usage = 'up [TOPOLOGY] [--name LAB] [--pool CIDR] [--timeout 120s] [--no-build]';
  const { values, positionals } = parseCommandArgs('up', argv, {
    name: { type: 'string' },
    pool: { type: 'string' },
    timeout: { type: 'string' },
    'no-build': { type: 'boolean' },
  }, usage);
  const file = positionals[0] ?? DEFAULT_TOPOLOGY;
  const readyTimeoutMs = durationFlag('up', 'timeout', values.timeout, 120_000);
  const topology = await loadTopology(file, { ...(values.name ? { lab: values.name } : {}), ...(values.pool ? { pool: values.pool } : {}) });
  const progress = streamProgress();
  const started = Date.now();
  await ensureHostPackages();
  await ensureEngine();
  const runtime = new DockerRuntime();
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    progress.warn('interrupted: cleaning up (Ctrl-C again to stop at once; `anycast-lab down` removes what is left)');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  try {
    const result = await upLab(runtime, topology, progress, { readyTimeoutMs, signal: controller.signal, buildImages: !values['no-build'] });
    const established = result.readiness.sessions.filter((s) => s.state === 'Established').length;
    process.stdout.write(
      `\nlab ${topology.lab} is ready (${((Date.now() - started) / 1000).toFixed(1)} s): ${result.spec.containers.length} containers, ` +
        `${established} BGP sessions Established (both ends counted)\n\n${catchmentTable(result.readiness.catchment)}\n`,
    );
    const unapplied = linksWithUnappliedImpairments(await readLabImpairments(runtime, topology.lab));
    if (unapplied.length > 0) {
      process.stdout.write(
        `\nnote: this kernel has no netem (CONFIG_NET_SCH_NETEM), so the link delays of the topology are not applied on ` +
          `${unapplied.length} links (${unapplied.join(', ')}); loss and rate limits still are (iptables statistic, tbf). ` +
          `\`anycast-lab status\` lists them.\n`,
      );
    }
    process.stdout.write(`\nnext: anycast-lab status ${topology.lab} | anycast-lab chaos run topology/scenarios/pop-crash-bfd.yaml | anycast-lab down ${topology.lab}\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

export async function downCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('down', argv, { all: { type: 'boolean' } }, 'down [LAB] [--all]');
  const runtime = new DockerRuntime();
  await runtime.ping();
  const labs = values.all ? await listLabs(runtime) : [await resolveLab(runtime, positionals[0])];
  for (const lab of labs) {
    const removed = await removeLab(runtime, lab);
    process.stdout.write(`lab ${lab}: removed ${removed.containers} containers and ${removed.networks} networks\n`);
  }
  if (labs.length === 0) process.stdout.write('no lab to remove\n');
  return 0;
}

function statusText(status: LabStatus): string {
  const nodes = renderTable(['node', 'role', 'state'], status.nodes.map((n) => [n.name, n.role, n.state]));
  const bgp = renderTable(['router', 'peer', 'neighbor', 'state', 'prefixes in'], status.bgp.map((s) => [s.router, s.peer, s.peerName, s.state, String(s.prefixesReceived)]));
  const impairments = status.impairments.length > 0 ? `\n\nlink impairments\n${status.impairments.join('\n')}` : '';
  return `lab ${status.lab}\n\n${nodes}\n\nBGP sessions\n${bgp}\n\ncatchment\n${catchmentTable(status.catchment)}${impairments}\n`;
}

export async function statusCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('status', argv, { json: { type: 'boolean' } }, 'status [LAB] [--json]');
  const runtime = new DockerRuntime();
  await runtime.ping();
  const status = await readLabStatus(runtime, await resolveLab(runtime, positionals[0]));
  if (values.json) {
    const json = {
      lab: status.lab,
      nodes: status.nodes,
      bgp: status.bgp.map((s) => ({ router: s.router, peer: s.peer, peer_name: s.peerName, state: s.state })),
      catchment: status.catchment.map((c) => ({ client: c.client, probe: c.probe, pop: c.pop ?? null, server: c.server ?? null, latency_ms: c.latencyMs ?? null, outcome: c.outcome })),
      impairments: status.impairments,
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(statusText(status));
  }
  return 0;
}

export async function validateCommand(argv: readonly string[]): Promise<number> {
  const { positionals } = parseCommandArgs('validate', argv, {}, 'validate TOPOLOGY');
  const file = positionals[0];
  if (!file) throw new AnycastLabError('USAGE', 'anycast-lab validate: name a topology file\nusage: anycast-lab validate TOPOLOGY');
  const result = await validateTopologyFile(file);
  if (result.ok) {
    process.stdout.write(`${file}: valid: ${result.summary}\n`);
    return 0;
  }
  process.stderr.write(`${result.issues.map(formatSourceIssue).join('\n')}\n${result.issues.length} problem(s)\n`);
  return 1;
}

export async function composeCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('compose', argv, { out: { type: 'string' } }, 'compose [TOPOLOGY] [--out docker-compose.yml]');
  const file = positionals[0] ?? DEFAULT_TOPOLOGY;
  const topology = await loadTopology(file);
  const spec = renderLabSpec(planAddresses(topology));
  const out = values.out ?? 'docker-compose.yml';
  await writeFile(out, renderCompose(spec, file));
  await writeFile(join(PROJECT_ROOT, '.env'), renderComposeEnv(spec));
  process.stdout.write(`wrote ${out} and .env (lab ${spec.lab}: ${spec.containers.length} services, ${spec.networks.length} networks)\n`);
  return 0;
}

export async function setupCommand(argv: readonly string[]): Promise<number> {
  parseCommandArgs('setup', argv, {}, 'setup');
  const progress = streamProgress();
  progress.step('host packages and Docker engine');
  await ensureHostPackages();
  await ensureEngine();
  progress.step('images');
  await ensureImages(new DockerRuntime(), progress);
  progress.step('ready: base images and lab images are built');
  return 0;
}

export async function bundleCommand(argv: readonly string[]): Promise<number> {
  parseCommandArgs('bundle', argv, {}, 'bundle');
  for (const name of Object.keys(PROGRAMS) as ProgramName[]) {
    await bundleProgram(name);
    process.stdout.write(`bundled ${PROGRAMS[name]} -> images/dist/${name}.mjs\n`);
  }
  return 0;
}
