import type { ContainerSpec, HostSetupSpec, NetworkSpec } from '../render/lab-spec-types.ts';

/**
 * The container engine as the orchestrator sees it. Docker (dockerode) implements it today; a
 * Swarm or Kubernetes backend would implement the same calls.
 */

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface ObservedContainer {
  readonly id: string;
  readonly name: string;
  readonly state: ContainerState;
  readonly labels: Readonly<Record<string, string>>;
  /** ID of the image the container was made from. */
  readonly imageId: string;
  /** IPv4 address on each attached network, by network name. */
  readonly addresses: Readonly<Record<string, string>>;
}

export interface ObservedNetwork {
  readonly id: string;
  readonly name: string;
  readonly subnets: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** The host's bridge device for this network. */
  readonly bridge: string;
}

export interface ContainerTimes {
  readonly state: ContainerState;
  readonly startedAtMs: number;
  readonly finishedAtMs: number;
}

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** An image to build: the Dockerfile stage `target`, from these files (relative paths) of `contextDir`. */
export interface ImageBuild {
  readonly contextDir: string;
  readonly files: readonly string[];
  readonly target: string;
  readonly tag: string;
  /** The Dockerfile's ARGs. */
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ContainerRuntime {
  /** Throws AnycastLabError ENGINE_UNREACHABLE when no engine answers. */
  ping(): Promise<void>;
  /** Containers carrying every given label (value `undefined`: the label is present). */
  listContainers(labels: Readonly<Record<string, string | undefined>>): Promise<ObservedContainer[]>;
  listNetworks(labels: Readonly<Record<string, string | undefined>>): Promise<ObservedNetwork[]>;
  imageExists(ref: string): Promise<boolean>;
  /** The ID an image reference resolves to now, undefined when there is no such image. */
  imageId(ref: string): Promise<string | undefined>;
  /** The labels of an image; undefined when there is no such image. */
  imageLabels(ref: string): Promise<Readonly<Record<string, string>> | undefined>;
  /** Builds one image; throws AnycastLabError IMAGE_BUILD_FAILED with the builder's last lines. */
  buildImage(build: ImageBuild): Promise<void>;
  createNetwork(spec: NetworkSpec): Promise<void>;
  /** Creates the container with its first network, connects the others, starts it. */
  createContainer(spec: ContainerSpec, image: string): Promise<void>;
  /** Runs a one-shot container in the host's network namespace to completion, then removes it. */
  runHostSetup(spec: HostSetupSpec, image: string): Promise<ExecResult>;
  removeContainer(name: string): Promise<void>;
  removeNetwork(name: string): Promise<void>;
  exec(container: string, command: readonly string[], options?: { timeoutMs?: number }): Promise<ExecResult>;
  kill(container: string): Promise<void>;
  start(container: string): Promise<void>;
  pause(container: string): Promise<void>;
  unpause(container: string): Promise<void>;
  /** The container's state, and when the engine last started it and saw it exit (epoch ms; 0: never). */
  inspectContainer(container: string): Promise<ContainerTimes>;
}
