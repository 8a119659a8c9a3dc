import { execa } from 'execa';
import { EdgeError } from '../errors.ts';
import { routeStateFromJson } from './bgp-route-state.ts';
import type { BgpRouteState, FrrDriver } from './frr-driver.ts';
import { announceLines, gshutLines, routeQuery, vtyshConfigArgs, withdrawLines, type Origination } from './vtysh-commands.ts';

/** Drives the local FRR through `vtysh`; reads state as JSON only. */
export class VtyshFrrDriver implements FrrDriver {
  readonly #origination: Origination;
  /** Extra vtysh arguments, e.g. `--vty_socket DIR` to reach a daemon outside the default path. */
  readonly #baseArgs: readonly string[];
  readonly #timeoutMs: number;

  constructor(origination: Origination, options: { baseArgs?: readonly string[]; timeoutMs?: number } = {}) {
    this.#origination = origination;
    this.#baseArgs = options.baseArgs ?? [];
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  async announce(): Promise<void> {
    await this.#vtysh(vtyshConfigArgs(announceLines(this.#origination)));
  }

  async announceGshut(): Promise<void> {
    await this.#vtysh(vtyshConfigArgs(gshutLines(this.#origination)));
  }

  async withdraw(): Promise<void> {
    // `no network` for a route that is not configured fails, so look first.
    if ((await this.readState()).originated) await this.#vtysh(vtyshConfigArgs(withdrawLines(this.#origination)));
  }

  async readState(): Promise<BgpRouteState> {
    const stdout = await this.#vtysh(['-c', routeQuery(this.#origination)]);
    let json: unknown;
    try {
      json = JSON.parse(stdout);
    } catch (error) {
      throw new EdgeError('FRR_STATE_UNREADABLE', `vtysh returned no JSON: ${stdout.slice(0, 200)}`, { cause: error });
    }
    return routeStateFromJson(json);
  }

  async #vtysh(args: readonly string[]): Promise<string> {
    const result = await execa('vtysh', [...this.#baseArgs, ...args], { timeout: this.#timeoutMs, reject: false });
    if (result.failed) {
      const said = [result.stdout, result.stderr].filter(Boolean).join(' | ').slice(0, 500);
      throw new EdgeError(
        'FRR_COMMAND_FAILED',
        `vtysh ${args.filter((a) => a !== '-c').join(' ; ')} failed (${result.exitCode ?? result.signal ?? 'timeout'}): ${said || result.shortMessage}`,
      );
    }
    return result.stdout;
  }
}
