import { LABEL } from '../../../contracts/labels.ts';
import type { ContainerSpec, HostSetupSpec, NetworkSpec } from '../../../orchestrator/src/render/lab-spec-types.ts';
import type { ContainerRuntime, ContainerTimes, ExecResult, ImageBuild, ObservedContainer, ObservedNetwork } from '../../../orchestrator/src/runtime/runtime.ts';

/**
 * An engine in memory, for `up` and `down`: containers, networks and images by name, the host
 * firewall's DOCKER-USER rules as lab-bridges would leave them, every call recorded. `failOn`
 * makes a matching call throw; `hostSetupExit` is what the lab-bridges helper exits with.
 */
export class FakeEngine implements ContainerRuntime {
  readonly calls: string[] = [];
  readonly containers = new Map<string, ObservedContainer>();
  readonly networks = new Map<string, ObservedNetwork>();
  readonly images = new Set(['router', 'edge', 'client', 'origin'].map((i) => `anycast-lab/${i}:0.1`));
  /** Labels of images built here (images above but not here have none). */
  readonly imageLabelsByRef = new Map<string, Readonly<Record<string, string>>>();
  /** DOCKER-USER rules: `bridge comment`. */
  readonly rules: string[] = [];
  failOn: RegExp | undefined;
  hostSetupExit = 0;

  private record(call: string): void {
    this.calls.push(call);
    if (this.failOn?.test(call)) throw new Error(`fake failure: ${call}`);
  }

  private static matches(labels: Readonly<Record<string, string>>, filter: Readonly<Record<string, string | undefined>>): boolean {
    return Object.entries(filter).every(([k, v]) => (v === undefined ? k in labels : labels[k] === v));
  }

  async ping(): Promise<void> {}

  async listContainers(filter: Readonly<Record<string, string | undefined>>): Promise<ObservedContainer[]> {
    return [...this.containers.values()].filter((c) => FakeEngine.matches(c.labels, filter));
  }

  async listNetworks(filter: Readonly<Record<string, string | undefined>>): Promise<ObservedNetwork[]> {
    return [...this.networks.values()].filter((n) => FakeEngine.matches(n.labels, filter));
  }

  async imageExists(ref: string): Promise<boolean> {
    return this.images.has(ref);
  }

  async imageId(ref: string): Promise<string | undefined> {
    return this.images.has(ref) ? `sha256:${ref}` : undefined;
  }

  async imageLabels(ref: string): Promise<Readonly<Record<string, string>> | undefined> {
    return this.images.has(ref) ? (this.imageLabelsByRef.get(ref) ?? {}) : undefined;
  }

  async buildImage(build: ImageBuild): Promise<void> {
    this.record(`build image ${build.tag} --target ${build.target}`);
    this.images.add(build.tag);
    this.imageLabelsByRef.set(build.tag, build.labels);
  }

  async createNetwork(spec: NetworkSpec): Promise<void> {
    this.record(`create network ${spec.name}`);
    this.networks.set(spec.name, { id: spec.name, name: spec.name, subnets: [spec.subnet], labels: spec.labels, bridge: spec.bridge });
  }

  async createContainer(spec: ContainerSpec, image: string): Promise<void> {
    this.record(`create container ${spec.name}`);
    this.containers.set(spec.name, { id: spec.name, name: spec.name, state: 'running', labels: spec.labels, imageId: `sha256:${image}`, addresses: {} });
  }

  async runHostSetup(spec: HostSetupSpec): Promise<ExecResult> {
    const [action, lab, ...bridges] = spec.command;
    this.record(`lab-bridges ${spec.command.join(' ')}`);
    if (this.hostSetupExit === 0) {
      if (action === 'accept') this.rules.push(...bridges.map((b) => `${b} anycast-lab:${lab}`).filter((r) => !this.rules.includes(r)));
      else for (let i = this.rules.length - 1; i >= 0; i--) if (this.rules[i]!.endsWith(` anycast-lab:${lab}`)) this.rules.splice(i, 1);
    }
    return { exitCode: this.hostSetupExit, stdout: this.hostSetupExit === 0 ? '' : 'lab-bridges: fake failure', stderr: '' };
  }

  async removeContainer(name: string): Promise<void> {
    this.record(`remove container ${name}`);
    this.containers.delete(name);
  }

  async removeNetwork(name: string): Promise<void> {
    this.record(`remove network ${name}`);
    this.networks.delete(name);
  }

  /** Rules of a lab, as `down` must leave none of them. */
  rulesOf(lab: string): string[] {
    return this.rules.filter((r) => r.endsWith(` anycast-lab:${lab}`));
  }

  labelled(lab: string): number {
    return [...this.containers.values(), ...this.networks.values()].filter((x) => x.labels[LABEL.lab] === lab).length;
  }

  exec = unused;
  kill = unused;
  start = unused;
  pause = unused;
  unpause = unused;
  inspectContainer = unused as () => Promise<ContainerTimes>;
}

async function unused(): Promise<never> {
  throw new Error('not used by up and down');
}
