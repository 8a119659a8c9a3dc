/**
 * The names the lab derives from the node names a topology gives: container names (one per node,
 * plus the host-firewall helper) and network keys (management, one per link, one LAN per PoP,
 * client network and botnet). They are made here, and checked here for collisions, so that two
 * sources never end up with one container or one network.
 */
import type { SourceIssue } from '../errors.ts';
import type { TopologyDraft } from './draft.ts';
import { findRepeats } from './repeats.ts';
import type { Located, Where } from '../input/source.ts';
import { issueAt } from '../input/source.ts';
import { linkName } from './types.ts';

/** The node name of the one-shot container that opens the lab's bridges in the host firewall. */
export const HOST_SETUP_NODE = 'bridges';

/** The node name of the lab's Prometheus (`up --monitoring`). */
export const MONITORING_NODE = 'prometheus';

const RESERVED: Readonly<Record<string, string>> = {
  [HOST_SETUP_NODE]: "the lab's host-firewall helper container",
  [MONITORING_NODE]: "the lab's Prometheus (up --monitoring)",
};

export function lanKey(owner: string): string {
  return `lan-${owner}`;
}

export function edgeServerName(pop: string, index: number): string {
  return `${pop}-edge-${index}`;
}

export function probeName(client: string, index: number): string {
  return `${client}-probe-${index}`;
}

export function botName(botnet: string, index: number): string {
  return `${botnet}-${index}`;
}

/** A generated name, what it names, and the value in the file it comes from. */
interface GeneratedName {
  readonly name: string;
  readonly what: string;
  readonly where: Where;
  /**
   * The node names it is made from: two names made from the same ones (a node or a link given
   * twice) are checkNames' and checkLinks' business, not a collision.
   */
  readonly from: string;
}

const numbered = (count: number, make: (i: number) => string): string[] => Array.from({ length: count }, (_, i) => make(i + 1));

function containerNames(draft: TopologyDraft): GeneratedName[] {
  const node = (what: string) => (item: { readonly name: Located<string> }): GeneratedName => ({
    name: item.name.value,
    what: `${what} ${item.name.value}`,
    where: item.name.where,
    from: item.name.value,
  });
  const derived = (owner: Located<string>, names: readonly string[], what: string): GeneratedName[] =>
    names.map((name) => ({ name, what: `${what} ${name} of ${owner.value}`, where: owner.where, from: owner.value }));
  return [
    ...draft.transits.map(node('transit')),
    ...draft.pops.flatMap((pop) => [node('PoP')(pop), ...derived(pop.name, numbered(pop.servers, (i) => edgeServerName(pop.name.value, i)), 'edge server')]),
    ...draft.clients.flatMap((c) => [node('client network')(c), ...derived(c.name, numbered(c.probes, (i) => probeName(c.name.value, i)), 'probe')]),
    ...(draft.origin ? [node('origin')(draft.origin)] : []),
    ...draft.botnets.flatMap((b) => derived(b.name, numbered(b.bots, (i) => botName(b.name.value, i)), 'bot')),
  ];
}

function networkKeys(draft: TopologyDraft): GeneratedName[] {
  const link = (a: string, b: string, where: Where): GeneratedName => ({
    name: linkName(a, b),
    what: `the link between ${a} and ${b}`,
    where,
    from: [a, b].sort().join(' '),
  });
  const upstreams = [
    ...draft.pops.flatMap((pop) => pop.upstreams.map((u) => ({ node: pop.name.value, u }))),
    ...draft.clients.flatMap((c) => (c.upstream ? [{ node: c.name.value, u: c.upstream }] : [])),
    ...(draft.origin?.upstream ? [{ node: draft.origin.name.value, u: draft.origin.upstream }] : []),
  ];
  const lan = (owner: Located<string>): GeneratedName => ({
    name: lanKey(owner.value),
    what: `the LAN of ${owner.value}`,
    where: owner.where,
    from: owner.value,
  });
  return [
    ...draft.links.map(({ between: [a, b] }) => link(a.value, b.value, a.where)),
    ...upstreams.map(({ node, u }) => link(u.transit.value, node, u.transit.where)),
    ...[...draft.pops, ...draft.clients, ...draft.botnets].map((owner) => lan(owner.name)),
  ];
}

/** `file:line:col (path)`: where the other source of a collision is. */
const placeOf = (where: Where): string => `${where.file}:${where.line}:${where.column} (${where.path})`;

function collisions(names: readonly GeneratedName[], what: string): SourceIssue[] {
  const sorted = [...names].sort((x, y) => x.where.line - y.where.line || x.where.column - y.where.column);
  return findRepeats(sorted, (n) => n.name)
    .filter(({ first, repeat }) => first.from !== repeat.from)
    .map(({ first, repeat }) =>
      issueAt(
        repeat.where,
        `${what} "${repeat.name}" would be made twice: for ${repeat.what} and for ${first.what} (${placeOf(first.where)}); rename one of them`,
      ),
    );
}

/** Every generated container and network name has one source; the helpers' names are reserved. */
export function checkGeneratedNames(draft: TopologyDraft): SourceIssue[] {
  const containers = containerNames(draft);
  const reserved = containers
    .filter((c) => Object.hasOwn(RESERVED, c.name))
    .map((c) => issueAt(c.where, `"${c.name}" is reserved: it names ${RESERVED[c.name]}; choose another name for ${c.what}`));
  return [...reserved, ...collisions(containers, 'container'), ...collisions(networkKeys(draft), 'network')];
}
