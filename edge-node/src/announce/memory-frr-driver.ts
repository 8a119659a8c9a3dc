import { EdgeError } from '../errors.ts';
import type { BgpRouteState, FrrDriver } from './frr-driver.ts';

export type FrrOperation = 'announce' | 'announceGshut' | 'withdraw';

/**
 * An FRR that lives in memory: for tests, and for running the edge where no FRR exists
 * (`EDGE_FRR_DRIVER=memory`, e.g. the benchmark). Records every operation in order.
 */
export class MemoryFrrDriver implements FrrDriver {
  readonly operations: FrrOperation[] = [];
  #state: BgpRouteState = { originated: false, valid: false, gshut: false };
  #failures = 0;

  /** Makes the next `count` operations fail, as a daemon that is down would. */
  failNext(count: number): void {
    this.#failures = count;
  }

  async announce(): Promise<void> {
    this.#apply('announce', { originated: true, valid: true, gshut: false });
  }

  async announceGshut(): Promise<void> {
    this.#apply('announceGshut', { originated: true, valid: true, gshut: true });
  }

  async withdraw(): Promise<void> {
    this.#apply('withdraw', { originated: false, valid: false, gshut: false });
  }

  async readState(): Promise<BgpRouteState> {
    return this.#state;
  }

  #apply(operation: FrrOperation, next: BgpRouteState): void {
    if (this.#failures > 0) {
      this.#failures--;
      throw new EdgeError('FRR_COMMAND_FAILED', `${operation}: simulated vtysh failure`);
    }
    this.operations.push(operation);
    this.#state = next;
  }
}
