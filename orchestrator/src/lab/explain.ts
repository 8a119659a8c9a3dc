import { AnycastLabError } from '../errors.ts';
import { LABEL } from '../../../contracts/labels.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import { vtyshJson } from './observe.ts';

/**
 * Why a client lands where it does: starting at its access router, each router's best path to
 * the service address (read as JSON from FRR), the reason BGP chose it over the others, and the
 * next hop, until the PoP router, which spreads the flows over its servers (ECMP).
 */

export interface ExplainPath {
  readonly asPath: string;
  readonly nextHop: string;
  readonly via: string;
  readonly best: boolean;
  readonly multipath: boolean;
  readonly reason?: string;
}

export interface ExplainHop {
  readonly router: string;
  readonly prefix: string;
  readonly paths: readonly ExplainPath[];
}

interface RouteJson {
  prefix?: string;
  paths?: {
    aspath?: { string?: string };
    bestpath?: { overall?: boolean; selectionReason?: string };
    multipath?: boolean;
    nexthops?: { ip?: string; used?: boolean }[];
    valid?: boolean;
  }[];
}

/** One router's view of the route to the service address (`show ip bgp <addr> json`), pure. */
export function parseRouteHop(router: string, json: string, nodeOfAddress: (ip: string) => string | undefined): ExplainHop {
  const route = JSON.parse(json) as RouteJson;
  const paths = (route.paths ?? [])
    .filter((p) => p.valid !== false)
    .map((p) => {
      const nextHop = p.nexthops?.find((n) => n.used !== false)?.ip ?? p.nexthops?.[0]?.ip ?? '';
      const reason = p.bestpath?.selectionReason;
      return {
        asPath: p.aspath?.string || '(local)',
        nextHop,
        via: nodeOfAddress(nextHop) ?? (nextHop === '0.0.0.0' || nextHop === '' ? '(this router)' : nextHop),
        best: p.bestpath?.overall === true,
        multipath: p.multipath === true,
        ...(reason ? { reason } : {}),
      };
    })
    .sort((a, b) => Number(b.best) - Number(a.best));
  return { router, prefix: route.prefix ?? '(no route)', paths };
}

const MAX_HOPS = 12;

export async function explainClient(runtime: ContainerRuntime, lab: string, client: string, service: string): Promise<ExplainHop[]> {
  const containers = await runtime.listContainers({ [LABEL.lab]: lab });
  const byNode = new Map(containers.map((c) => [c.labels[LABEL.node], c]));
  const nodeOfAddress = new Map(containers.flatMap((c) => Object.values(c.addresses).map((ip) => [ip, c.labels[LABEL.node]!] as const)));
  const start = byNode.get(client)?.labels[LABEL.role] === 'access-router' ? client : byNode.get(client)?.labels[LABEL.group];
  if (!start || byNode.get(start)?.labels[LABEL.role] !== 'access-router') {
    const clients = containers.filter((c) => c.labels[LABEL.role] === 'access-router').map((c) => c.labels[LABEL.node]);
    throw new AnycastLabError('USAGE', `"${client}" is not a client network of lab ${lab} (client networks: ${clients.join(', ')})`);
  }
  const hops: ExplainHop[] = [];
  let router: string | undefined = start;
  while (router && hops.length < MAX_HOPS) {
    const container = byNode.get(router);
    if (!container || container.state !== 'running') {
      hops.push({ router, prefix: `(${container?.state ?? 'missing'})`, paths: [] });
      break;
    }
    const hop = parseRouteHop(router, await vtyshJson(runtime, container.name, `show ip bgp ${service} json`), (ip) => nodeOfAddress.get(ip));
    hops.push(hop);
    if (container.labels[LABEL.role] === 'pop-router') break;
    const best = hop.paths.find((p) => p.best);
    router = best ? nodeOfAddress.get(best.nextHop) : undefined;
  }
  return hops;
}
