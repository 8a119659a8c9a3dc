import { neighbours } from '../../../orchestrator/src/faults/lab-targets.ts';
import type { AddressPlan } from '../../../orchestrator/src/plan/types.ts';
import { containerName } from '../../../orchestrator/src/render/resource-names.ts';
import type { ContainerRuntime, ContainerState, ContainerTimes, ExecResult } from '../../../orchestrator/src/runtime/runtime.ts';

/**
 * Records what faults ask of the engine; `failOn` makes a matching call fail. Every BGP session of
 * the plan reads as Established.
 */
export class FakeRuntime implements ContainerRuntime {
  readonly calls: string[] = [];
  readonly states = new Map<string, ContainerState>();
  failOn: RegExp | undefined;
  /** Makes the first command in a container just started end at once with 130, as Docker 20.10 now and then does. */
  firstExecAfterStartFails = false;
  private readonly justStarted = new Set<string>();

  constructor(private readonly plan: AddressPlan) {}

  private summary(container: string): string {
    const node = this.plan.nodes.find((n) => containerName(this.plan.lab, n.name) === container)!;
    const peers = Object.fromEntries(neighbours(this.plan, node.name).map((n) => [n.address, { state: 'Established' }]));
    return JSON.stringify({ ipv4Unicast: { peers } });
  }

  private record(call: string): void {
    this.calls.push(call);
    if (this.failOn?.test(call)) throw new Error(`fake failure: ${call}`);
  }

  async exec(container: string, command: readonly string[]): Promise<ExecResult> {
    const shown = command[0] === 'bash' ? command.slice(3) : command;
    const call = `exec ${container} ${shown.filter((a) => a !== '-c').join(' ')}`;
    this.calls.push(call);
    if (this.justStarted.delete(container)) return { exitCode: 130, stdout: '', stderr: '' };
    if (this.failOn?.test(call)) return { exitCode: 1, stdout: '', stderr: 'fake failure' };
    if (shown[0] === 'vtysh' && shown.includes('show bgp summary json')) return { exitCode: 0, stdout: this.summary(container), stderr: '' };
    return { exitCode: 0, stdout: `@effective ${Date.now()}\n`, stderr: '' };
  }

  async kill(container: string): Promise<void> {
    this.record(`kill ${container}`);
    this.states.set(container, 'exited');
  }

  async start(container: string): Promise<void> {
    this.record(`start ${container}`);
    this.states.set(container, 'running');
    if (this.firstExecAfterStartFails) this.justStarted.add(container);
  }

  async pause(container: string): Promise<void> {
    this.record(`pause ${container}`);
  }

  async unpause(container: string): Promise<void> {
    this.record(`unpause ${container}`);
  }

  async inspectContainer(container: string): Promise<ContainerTimes> {
    return { state: this.states.get(container) ?? 'running', startedAtMs: 0, finishedAtMs: 0 };
  }

  ping = unused;
  listContainers = unused;
  listNetworks = unused;
  imageExists = unused;
  imageId = unused;
  imageLabels = unused;
  buildImage = unused;
  createNetwork = unused;
  createContainer = unused;
  runHostSetup = unused;
  removeContainer = unused;
  removeNetwork = unused;
}

async function unused(): Promise<never> {
  throw new Error('not used by faults');
}
