import type { TopologyNames } from '../../../orchestrator/src/scenario/check-against-topology.ts';

/** The names a lab defines, from its regions: each transit with its PoP and client network. */
function labNames(regions: ReadonlyArray<[transit: string, pop: string, client: string]>, transitLinks: string[], origin: string, botnets: string[]): TopologyNames {
  const pops = regions.map(([, pop]) => pop);
  const clients = regions.map(([, , client]) => client);
  return {
    pops,
    servers: pops.flatMap((p) => [`${p}/edge-1`, `${p}/edge-2`]),
    clients,
    links: [...transitLinks, ...regions.flatMap(([t, pop, client]) => [`${t}--${pop}`, `${t}--${client}`]), origin],
    routers: [...regions.flat(), ...pops.flatMap((p) => [`${p}-edge-1`, `${p}-edge-2`])],
    botnets,
  };
}

/** topology/world.yaml, written out for tests that do not load topologies. */
export const WORLD = labNames(
  [
    ['t-asia', 'tokyo', 'users-asia'],
    ['t-europe', 'frankfurt', 'users-europe'],
    ['t-useast', 'ashburn', 'users-useast'],
    ['t-latam', 'saopaulo', 'users-latam'],
  ],
  ['t-asia--t-europe', 't-asia--t-useast', 't-europe--t-useast', 't-useast--t-latam'],
  't-useast--origin',
  ['bots-asia', 'bots-europe', 'bots-useast', 'bots-latam'],
);

/** topology/mini.yaml. */
export const MINI = labNames(
  [
    ['t-west', 'west', 'users-west'],
    ['t-east', 'east', 'users-east'],
  ],
  ['t-west--t-east'],
  't-east--origin',
  ['bots-west', 'bots-east'],
);
