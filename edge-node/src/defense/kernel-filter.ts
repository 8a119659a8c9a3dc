import { execa } from 'execa';
import type { KernelRuleView } from '../../../contracts/edge-admin.ts';

/**
 * Blocked sources dropped by the kernel, before they cost the edge a TCP handshake: the edge's
 * block list, mirrored into an iptables chain that the service ports jump to. The block list in
 * the process stays the authority (and still answers for whatever the kernel lets through).
 */
export interface KernelFilter {
  /** Makes the kernel drop exactly these sources and /24 prefixes (IPv6 keys are left to the process); zeroes the chain's counters. */
  apply(keys: readonly string[]): Promise<void>;
  /** The chain's DROP rules with the packets and bytes each matched since the last `apply`. */
  readCounters(): Promise<KernelRuleView[]>;
}

export const BLOCK_CHAIN = 'EDGE-BLOCK';

/** The keys the kernel can hold (IPv4), sorted: the chain's content in a comparable form. */
export function kernelKeys(keys: readonly string[]): string[] {
  return keys.filter((key) => !key.includes(':')).sort();
}

/** iptables-restore input (use with --noflush) that sets the chain to these DROP rules, pure. */
export function renderBlockChain(keys: readonly string[]): string {
  const rules = kernelKeys(keys).map((key) => `-A ${BLOCK_CHAIN} -s ${key} -j DROP`);
  return ['*filter', `:${BLOCK_CHAIN} - [0:0]`, ...rules, 'COMMIT', ''].join('\n');
}

/** The rule that sends new traffic for the service ports through the chain. */
export function jumpRule(ports: readonly number[]): string[] {
  return ['INPUT', '-p', 'tcp', '-m', 'multiport', '--dports', ports.join(','), '-j', BLOCK_CHAIN];
}

/** `iptables -S EDGE-BLOCK -v`: the chain's rules with their counters, machine-readable. */
export const READ_COUNTERS_ARGS: readonly string[] = ['-w', '-S', BLOCK_CHAIN, '-v'];

const RULE_LINE = new RegExp(`^-A ${BLOCK_CHAIN} -s (\\S+) -c (\\d+) (\\d+) -j DROP\\s*$`);

/**
 * The DROP rules of `iptables -S EDGE-BLOCK -v` output (`-A EDGE-BLOCK -s 198.19.6.40/32 -c 12 720 -j DROP`),
 * keyed as the block list keys them (a /32 is a bare address), pure. Other lines are skipped.
 */
export function parseChainCounters(text: string): KernelRuleView[] {
  const rules: KernelRuleView[] = [];
  for (const line of text.split('\n')) {
    const match = RULE_LINE.exec(line.trim());
    if (!match) continue;
    const [, source = '', packets = '0', bytes = '0'] = match;
    rules.push({ key: source.endsWith('/32') ? source.slice(0, -3) : source, packets: Number(packets), bytes: Number(bytes) });
  }
  return rules;
}

/** Runs a program (with optional stdin) and gives its stdout; throws when it fails. */
export type CommandRunner = (file: string, args: readonly string[], input?: string) => Promise<string>;

const runCommand: CommandRunner = async (file, args, input) => {
  const result = await execa(file, args, input === undefined ? {} : { input });
  return result.stdout;
};

export class IptablesKernelFilter implements KernelFilter {
  readonly #ports: readonly number[];
  readonly #run: CommandRunner;
  #jumpInstalled = false;

  constructor(ports: readonly number[], run: CommandRunner = runCommand) {
    this.#ports = ports;
    this.#run = run;
  }

  async apply(keys: readonly string[]): Promise<void> {
    await this.#run('iptables-restore', ['-w', '--noflush'], renderBlockChain(keys));
    if (!this.#jumpInstalled) {
      const rule = jumpRule(this.#ports);
      await this.#run('iptables', ['-w', '-C', ...rule]).catch(() => this.#run('iptables', ['-w', '-I', ...rule]));
      this.#jumpInstalled = true;
    }
  }

  async readCounters(): Promise<KernelRuleView[]> {
    return parseChainCounters(await this.#run('iptables', READ_COUNTERS_ARGS));
  }
}
