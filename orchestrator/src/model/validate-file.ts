/** `anycast-lab validate <file>`: validation alone, as a result the CLI prints. */
import { resolve } from 'node:path';
import type { SourceIssue } from '../errors.ts';
import { readInputFile } from '../input/input-file.ts';
import { InputInvalidError } from '../errors.ts';
import { countContainers } from './containers.ts';
import { parseTopology } from './topology.ts';
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

/** A refusal as a validation result; anything else is not a validation problem and is thrown on. */
function invalid(error: unknown): TopologyValidation {
  if (error instanceof InputInvalidError) return { ok: false, issues: error.issues };
  throw error;
}

/** `text`, read from `file` (absolute), validated as a topology. */
export function validateTopologyText(text: string, file: string, overrides: TopologyOverrides = {}): TopologyValidation {
  try {
    const topology = parseTopology(text, file, overrides);
    return { ok: true, topology, summary: summarizeTopology(topology) };
  } catch (error) {
    return invalid(error);
  }
}

export async function validateTopologyFile(file: string, overrides: TopologyOverrides = {}): Promise<TopologyValidation> {
  const absolute = resolve(file);
  const text = await readInputFile(absolute, 'TOPOLOGY_INVALID').catch(invalid);
  return typeof text === 'string' ? validateTopologyText(text, absolute, overrides) : text;
}
