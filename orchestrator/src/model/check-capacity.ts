/** The lab fits: its containers in the management /24, each client network's bot addresses in its bot LAN. */
import type { SourceIssue } from '../errors.ts';
import { countContainers, MAX_CONTAINERS } from './containers.ts';
import type { TopologyDraft } from './draft.ts';
import { issueAt } from '../input/source.ts';
import { blocksNeeded } from './pool-blocks.ts';
import { POOL_LENGTHS } from './check-addressing.ts';
import { formatCidr, maskSize } from '../net/ipv4.ts';

const MAX_SOURCES_PER_CLIENT = 200;

function checkBotSources(draft: TopologyDraft): SourceIssue[] {
  const perClient = new Map<string, number>();
  return draft.botnets.flatMap(({ client, bots, sources }) => {
    if (!client || !sources) return [];
    const before = perClient.get(client.value) ?? 0;
    const total = before + bots * sources.value;
    perClient.set(client.value, total);
    // Reported once per client network: at the botnet that goes over.
    if (total <= MAX_SOURCES_PER_CLIENT || before > MAX_SOURCES_PER_CLIENT) return [];
    const earlier = before > 0 ? ` plus ${before} from earlier botnets` : '';
    return [
      issueAt(
        sources.where,
        `client network ${client.value} would hold ${total} bot source addresses (bots ${bots} × sources ${sources.value}${earlier}); ` +
          `at most ${MAX_SOURCES_PER_CLIENT} per client network`,
      ),
    ];
  });
}

function checkPoolRoom(draft: TopologyDraft): SourceIssue[] {
  const pool = draft.addressing.pool;
  // A pool outside the allowed sizes is reported by checkAddressing already.
  if (!pool || pool.value.length > POOL_LENGTHS.smallest) return [];
  const links = draft.links.length + draft.pops.reduce((n, p) => n + p.upstreams.length, 0) + draft.clients.length + 1;
  const needed = blocksNeeded({ links, lans: draft.pops.length + draft.clients.length + draft.botnets.length });
  const available = pool.value.length <= 24 ? maskSize(pool.value.length) / maskSize(24) : 0;
  if (needed <= available) return [];
  return [issueAt(pool.where, `the lab needs ${needed} /24 blocks of the pool (management, link /29s, one LAN per PoP, client network and botnet), ${formatCidr(pool.value)} holds ${available}; give a larger pool`)];
}

export function checkCapacity(draft: TopologyDraft): SourceIssue[] {
  const containers = countContainers(draft);
  const tooMany =
    containers > MAX_CONTAINERS
      ? [issueAt(draft.where, `the lab needs ${containers} containers, more than the ${MAX_CONTAINERS} one management /24 holds; use fewer servers, probes or bots`)]
      : [];
  return [...checkBotSources(draft), ...checkPoolRoom(draft), ...tooMany];
}
