import type { SourceIssue } from '../errors.ts';
import { linkName } from '../model/types.ts';
import { didYouMean } from '../input/suggest.ts';
import type { LinkRef, ReferenceKind, Scenario, ScenarioReference } from './types.ts';

/** The names a lab's topology defines, as the scenario may use them. */
export interface TopologyNames {
  readonly pops: readonly string[];
  /** `<pop>/<server>`, e.g. `tokyo/edge-1`. */
  readonly servers: readonly string[];
  readonly clients: readonly string[];
  /** `a--b` as the topology names them. */
  readonly links: readonly string[];
  /** Every BGP speaker: transits, PoP routers, access routers, edge servers. */
  readonly routers: readonly string[];
  readonly botnets: readonly string[];
}

const WHAT: Record<ReferenceKind, string> = {
  pop: 'PoP',
  server: 'edge server',
  client: 'client network',
  link: 'link',
  router: 'router',
  node: 'node',
  botnet: 'botnet',
};

/** Every name the scenario uses that the topology does not define, at the place it is written. */
export function checkScenarioAgainstTopology(scenario: Scenario, names: TopologyNames): SourceIssue[] {
  return scenario.references.flatMap((ref) => {
    const known = candidates(ref.kind, names);
    if (ref.link !== undefined ? resolveLinkName(ref.link, names.links) !== undefined : known.includes(ref.name)) return [];
    return [{ file: scenario.file, line: ref.line, column: ref.column, path: ref.path, message: unknownMessage(ref, known) }];
  });
}

/** The topology's name for a link written either way round (`a--b` or `b--a`). */
export function resolveLinkName(link: LinkRef, links: readonly string[]): string | undefined {
  return [linkName(link.a, link.b), linkName(link.b, link.a)].find((name) => links.includes(name));
}

function candidates(kind: ReferenceKind, names: TopologyNames): readonly string[] {
  switch (kind) {
    case 'pop':
      return names.pops;
    case 'server':
      return names.servers;
    case 'client':
      return names.clients;
    case 'link':
      return names.links;
    case 'router':
      return names.routers;
    case 'node':
      return [...new Set([...names.routers, ...names.pops, ...names.clients, ...names.servers])];
    case 'botnet':
      return names.botnets;
  }
}

function unknownMessage(ref: ScenarioReference, known: readonly string[]): string {
  const listed = known.length > 12 ? `${known.slice(0, 12).join(', ')}, ...` : known.join(', ');
  return `no ${WHAT[ref.kind]} \`${ref.name}\` in the lab${didYouMean(ref.name, known)}; it has: ${listed || 'none'}`;
}
