/** `anycast-lab validate <file>`: validation alone, as a result the CLI prints. */
import type { SourceIssue } from '../errors.ts';
import { InputInvalidError } from '../errors.ts';
import { countContainers } from './containers.ts';
import { loadTopology } from './topology.ts';
import type { TopologyOverrides } from './topology.ts';
import type { Topology } from './types.ts';

export type TopologyValidation =
  | { readonly ok: true; readonly topology: Topology; readonly summary: string }
  | { readonly ok: false; readonly issues: readonly SourceIssue[] };

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `world: 4 transits, 4 PoPs (8 servers), 4 client networks, 4 bots, 29 containers, 13 links` */
export function summarizeTopology(t: Topology): string {
  const servers = t.pops.reduce((n, pop) => n + pop.servers, 0);
  const bots = t.botnets.reduce((n, botnet) => n + botnet.bots, 0);
  return (
    `${t.lab}: ${count(t.transits.length, 'transit')}, ${count(t.pops.length, 'PoP')} (${count(servers, 'server')}), ` +
    `${count(t.clients.length, 'client network')}, ${count(bots, 'bot')}, ${count(countContainers(t), 'container')}, ` +
    `${count(t.links.length, 'link')}`
  );
}

export async function validateTopologyFile(file: string, overrides: TopologyOverrides = {}): Promise<TopologyValidation> {
  try {
    const topology = await loadTopology(file, overrides);
    return { ok: true, topology, summary: summarizeTopology(topology) };
  } catch (error) {
    if (error instanceof InputInvalidError) return { ok: false, issues: error.issues };
    throw error;
  }
}
