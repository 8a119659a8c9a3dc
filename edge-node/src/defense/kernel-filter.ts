import { execa } from 'execa';

/**
 * Blocked sources dropped by the kernel, before they cost the edge a TCP handshake: the edge's
 * block list, mirrored into an iptables chain that the service ports jump to. The block list in
 * the process stays the authority (and still answers for whatever the kernel lets through).
 */
export interface KernelFilter {
  /** Makes the kernel drop exactly these sources and /24 prefixes (IPv6 keys are left to the process). */
  sync(keys: readonly string[]): Promise<void>;
}

export const noKernelFilter: KernelFilter = { sync: async () => {} };

export const BLOCK_CHAIN = 'EDGE-BLOCK';

/** iptables-restore input (use with --noflush) that sets the chain to these DROP rules, pure. */
export function renderBlockChain(keys: readonly string[]): string {
  const rules = keys.filter((key) => !key.includes(':')).map((key) => `-A ${BLOCK_CHAIN} -s ${key} -j DROP`);
  return ['*filter', `:${BLOCK_CHAIN} - [0:0]`, ...rules, 'COMMIT', ''].join('\n');
}

/** The rule that sends new traffic for the service ports through the chain. */
export function jumpRule(ports: readonly number[]): string[] {
  return ['INPUT', '-p', 'tcp', '-m', 'multiport', '--dports', ports.join(','), '-j', BLOCK_CHAIN];
}

export type CommandRunner = (file: string, args: readonly string[], input?: string) => Promise<void>;

const runCommand: CommandRunner = async (file, args, input) => {
  await execa(file, args, input === undefined ? {} : { input });
};

export class IptablesKernelFilter implements KernelFilter {
  readonly #ports: readonly number[];
  readonly #run: CommandRunner;
  #jumpInstalled = false;
  #synced = '';

  constructor(ports: readonly number[], run: CommandRunner = runCommand) {
    this.#ports = ports;
    this.#run = run;
  }

  async sync(keys: readonly string[]): Promise<void> {
    const chain = renderBlockChain([...keys].sort());
    if (chain === this.#synced) return;
    await this.#run('iptables-restore', ['--noflush'], chain);
    if (!this.#jumpInstalled) {
      const rule = jumpRule(this.#ports);
      await this.#run('iptables', ['-C', ...rule]).catch(() => this.#run('iptables', ['-I', ...rule]));
      this.#jumpInstalled = true;
    }
    this.#synced = chain;
  }
}
