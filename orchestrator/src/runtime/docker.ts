import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { AnycastLabError } from '../errors.ts';
import { LABEL } from '../../../contracts/labels.ts';
import type { ContainerSpec, HostSetupSpec, NetworkSpec } from '../render/lab-spec-types.ts';
import { EXEC_START_ATTEMPTS, EXEC_START_RETRY_MS, execNeverRan } from './exec-never-ran.ts';
import type { ContainerRuntime, ContainerState, ContainerTimes, ExecResult, ImageBuild, ObservedContainer, ObservedNetwork } from './runtime.ts';

const LAB_LABEL = LABEL.lab;

function labelFilter(labels: Readonly<Record<string, string | undefined>>): string {
  return JSON.stringify({ label: Object.entries(labels).map(([k, v]) => (v === undefined ? k : `${k}=${v}`)) });
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: number }).statusCode === 404;
}

async function ignoreNotFound(action: Promise<unknown>): Promise<void> {
  try {
    await action;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** dockerode against the local engine (DOCKER_HOST or the default socket). */
export class DockerRuntime implements ContainerRuntime {
  private readonly docker: Docker;

  constructor(docker: Docker = new Docker()) {
    this.docker = docker;
  }

  async ping(): Promise<void> {
    try {
      await this.docker.ping();
    } catch (error) {
      throw new AnycastLabError(
        'ENGINE_UNREACHABLE',
        'no Docker engine answers (DOCKER_HOST or /var/run/docker.sock). Start one, or run `anycast-lab setup` as root to install and start it.',
        { cause: error },
      );
    }
  }

  async listContainers(labels: Readonly<Record<string, string | undefined>>): Promise<ObservedContainer[]> {
    const list = await this.docker.listContainers({ all: true, filters: labelFilter(labels) });
    return list.map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
      state: c.State as ContainerState,
      labels: c.Labels,
      imageId: c.ImageID,
      addresses: Object.fromEntries(
        Object.entries(c.NetworkSettings?.Networks ?? {}).map(([name, n]) => [name, n.IPAMConfig?.IPv4Address || n.IPAddress]),
      ),
    }));
  }

  async listNetworks(labels: Readonly<Record<string, string | undefined>>): Promise<ObservedNetwork[]> {
    const list = await this.docker.listNetworks({ filters: labelFilter(labels) });
    return list.map((n) => ({
      id: n.Id,
      name: n.Name,
      subnets: (n.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
      labels: n.Labels ?? {},
      bridge: n.Options?.['com.docker.network.bridge.name'] ?? `br-${n.Id.slice(0, 12)}`,
    }));
  }

  async imageExists(ref: string): Promise<boolean> {
    return (await this.imageId(ref)) !== undefined;
  }

  async imageId(ref: string): Promise<string | undefined> {
    try {
      return (await this.docker.getImage(ref).inspect()).Id;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async imageLabels(ref: string): Promise<Readonly<Record<string, string>> | undefined> {
    try {
      return (await this.docker.getImage(ref).inspect()).Config?.Labels ?? {};
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** The classic builder, as `DOCKER_BUILDKIT=0 docker build` (the engine's default for API builds). */
  async buildImage(build: ImageBuild): Promise<void> {
    const stream = await this.docker.buildImage({ context: build.contextDir, src: [...build.files] }, { t: build.tag, target: build.target, buildargs: build.buildArgs, labels: build.labels, rm: true, forcerm: true });
    const lines: string[] = [];
    const failure = await new Promise<string | undefined>((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (error: Error | null) => (error ? reject(error) : resolve(undefined)),
        (event: { stream?: string; error?: string; errorDetail?: { message?: string } }) => {
          if (event.stream) lines.push(...event.stream.split('\n').filter((l) => l.trim() !== ''));
          if (event.error) resolve(event.errorDetail?.message ?? event.error);
        },
      );
    }).catch((error: unknown) => String(error));
    if (failure !== undefined) {
      throw new AnycastLabError('IMAGE_BUILD_FAILED', `building ${build.tag} (target ${build.target}) failed: ${failure}\n${lines.slice(-20).join('\n')}`);
    }
  }

  async createNetwork(spec: NetworkSpec): Promise<void> {
    await this.docker.createNetwork({
      Name: spec.name,
      Driver: 'bridge',
      Internal: true,
      CheckDuplicate: true,
      Labels: { ...spec.labels },
      Options: { 'com.docker.network.bridge.name': spec.bridge },
      IPAM: { Driver: 'default', Config: [{ Subnet: spec.subnet, Gateway: spec.gateway }] },
    });
  }

  async createContainer(spec: ContainerSpec, image: string): Promise<void> {
    const [first, ...rest] = spec.networks;
    if (!first) throw new Error(`container ${spec.name} has no network`);
    const container = await this.docker.createContainer({
      name: spec.name,
      Hostname: spec.hostname,
      Image: image,
      Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
      Labels: { ...spec.labels },
      HostConfig: {
        CapAdd: [...spec.capAdd],
        Devices: spec.devices.map((path) => ({ PathOnHost: path, PathInContainer: path, CgroupPermissions: 'rwm' })),
        Sysctls: { ...spec.sysctls },
        NetworkMode: first.network,
        RestartPolicy: { Name: spec.restart },
      },
      NetworkingConfig: { EndpointsConfig: { [first.network]: { IPAMConfig: { IPv4Address: first.address } } } },
    });
    for (const net of rest) {
      await this.docker.getNetwork(net.network).connect({ Container: container.id, EndpointConfig: { IPAMConfig: { IPv4Address: net.address } } });
    }
    await container.start();
  }

  async runHostSetup(spec: HostSetupSpec, image: string): Promise<ExecResult> {
    await this.removeOwnContainer(spec.name, spec.labels[LAB_LABEL]);
    const container = await this.docker.createContainer({
      name: spec.name,
      Image: image,
      Entrypoint: [...spec.entrypoint],
      Cmd: [...spec.command],
      Labels: { ...spec.labels },
      HostConfig: { NetworkMode: 'host', CapAdd: [...spec.capAdd], RestartPolicy: { Name: 'no' } },
    });
    try {
      await container.start();
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      const logs = (await container.logs({ stdout: true, stderr: true })).toString();
      return { exitCode: StatusCode, stdout: logs, stderr: '' };
    } finally {
      await this.removeContainer(spec.name);
    }
  }

  /** Removes a container left by an earlier run of ours, never one that is not labelled with `lab`. */
  private async removeOwnContainer(name: string, lab: string | undefined): Promise<void> {
    let labels: Record<string, string>;
    try {
      labels = (await this.docker.getContainer(name).inspect()).Config.Labels ?? {};
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    if (lab === undefined || labels[LAB_LABEL] !== lab) {
      throw new AnycastLabError(
        'LAB_CONFLICT',
        `a container named ${name} exists and is not lab ${lab ?? '?'}'s (its ${LAB_LABEL} label is ${labels[LAB_LABEL] ?? 'absent'}); ` +
          'remove or rename it, or name the lab differently (--name)',
      );
    }
    await this.removeContainer(name);
  }

  async removeContainer(name: string): Promise<void> {
    await ignoreNotFound(this.docker.getContainer(name).remove({ force: true, v: true }));
  }

  async removeNetwork(name: string): Promise<void> {
    try {
      await ignoreNotFound(this.docker.getNetwork(name).remove());
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 403) throw error;
      // The lab's own containers are gone by now, so what is still attached belongs to someone else.
      const attached = Object.values((await this.docker.getNetwork(name).inspect().catch(() => undefined))?.Containers ?? {}).map((c) => c.Name);
      throw new AnycastLabError(
        'LAB_CONFLICT',
        attached.length > 0
          ? `Docker will not remove network ${name}: ${attached.join(', ')} ${attached.length === 1 ? 'is' : 'are'} still attached to it; ` +
              `remove ${attached.length === 1 ? 'it' : 'them'} or \`docker network disconnect ${name} ...\`, then run \`anycast-lab down\` again.`
          : `Docker will not remove network ${name}: it still counts an endpoint on it although no container is attached ` +
              `(a stale endpoint; restarting dockerd clears it). Run \`anycast-lab down\` again after that.`,
        { cause: error },
      );
    }
  }

  /** Runs the command in the container; an exec the runtime never started (see execNeverRan) is tried again. */
  async exec(container: string, command: readonly string[], options: { timeoutMs?: number } = {}): Promise<ExecResult> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.execOnce(container, command, options);
      if (attempt >= EXEC_START_ATTEMPTS || !execNeverRan(result)) return result;
      await new Promise((resolve) => setTimeout(resolve, EXEC_START_RETRY_MS));
    }
  }

  private async execOnce(container: string, command: readonly string[], options: { timeoutMs?: number }): Promise<ExecResult> {
    const exec = await this.docker.getContainer(container).exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const stdout = new PassThrough().on('data', (b: Buffer) => out.push(b));
    const stderr = new PassThrough().on('data', (b: Buffer) => err.push(b));
    this.docker.modem.demuxStream(stream, stdout, stderr);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        stream.destroy();
        reject(new AnycastLabError('FAULT_FAILED', `exec in ${container} timed out after ${options.timeoutMs} ms: ${command.join(' ')}`));
      }, options.timeoutMs ?? 30_000);
      stream.on('end', () => {
        clearTimeout(timer);
        resolve();
      });
      stream.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const info = await exec.inspect();
    return { exitCode: info.ExitCode ?? -1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
  }

  async kill(container: string): Promise<void> {
    await this.docker.getContainer(container).kill();
  }

  async start(container: string): Promise<void> {
    await this.docker.getContainer(container).start();
  }

  async pause(container: string): Promise<void> {
    await this.docker.getContainer(container).pause();
  }

  async unpause(container: string): Promise<void> {
    await this.docker.getContainer(container).unpause();
  }

  async inspectContainer(container: string): Promise<ContainerTimes> {
    const { State } = await this.docker.getContainer(container).inspect();
    const epochMs = (time: string): number => Math.max(0, Date.parse(time) || 0);
    return { state: State.Status as ContainerState, startedAtMs: epochMs(State.StartedAt), finishedAtMs: epochMs(State.FinishedAt) };
  }
}
