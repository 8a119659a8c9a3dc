import { linkName } from '../model/types.ts';
import type { FaultAction, FaultKind, LinkRef, SessionRef } from './types.ts';
import {
  positionOf,
  readBitrate,
  readDuration,
  readEnum,
  readList,
  readNumber,
  readPercent,
  readReference,
  readReferenceList,
  readString,
  report,
} from './yaml-reader.ts';
import type { MapReader, ReadContext, ValueNode, ValueReader } from './yaml-reader.ts';

const LINK_FIELDS = ['link', 'between'] as const;
const SESSION_FIELDS = ['router', 'peer'] as const;

/** The target and parameter fields each fault kind takes, besides `at`, `fault` and `id`. */
export const FAULT_FIELDS: Readonly<Record<FaultKind, readonly string[]>> = {
  'pop-crash': ['pop'],
  'pop-kill': ['pop'],
  'pop-restart': ['pop'],
  'pop-undrain': ['pop'],
  'pop-drain': ['pop', 'wait'],
  'server-crash': ['server'],
  'server-unhealthy': ['server'],
  'link-down': LINK_FIELDS,
  'link-up': LINK_FIELDS,
  'link-impair': [...LINK_FIELDS, 'delay', 'jitter', 'loss', 'rate', 'direction'],
  'bgp-session-down': SESSION_FIELDS,
  'bgp-session-up': SESSION_FIELDS,
  partition: ['nodes'],
  heal: [],
  flap: [...LINK_FIELDS, ...SESSION_FIELDS, 'count', 'period', 'down-for'],
};

const MAX_IMPAIR_DELAY_MS = 10_000;

export function readFaultAction(map: MapReader, kind: FaultKind): FaultAction | undefined {
  switch (kind) {
    case 'pop-crash':
    case 'pop-kill':
    case 'pop-restart':
    case 'pop-undrain': {
      const pop = readPop(map);
      return pop === undefined ? undefined : { kind, pop };
    }
    case 'pop-drain': {
      const pop = readPop(map);
      const waitMs = map.read('wait', readDuration(0, 60_000)) ?? 2000;
      return pop === undefined ? undefined : { kind, pop, waitMs };
    }
    case 'server-crash':
    case 'server-unhealthy': {
      const server = map.require('server', readServer, 'the edge server, e.g. `server: tokyo/edge-1`');
      return server === undefined ? undefined : { kind, server };
    }
    case 'link-down':
    case 'link-up': {
      const link = readLink(map);
      return link === undefined ? undefined : { kind, link };
    }
    case 'link-impair':
      return readLinkImpair(map);
    case 'bgp-session-down':
    case 'bgp-session-up': {
      const session = readSession(map);
      return session === undefined ? undefined : { kind, session };
    }
    case 'partition': {
      const nodes = map.require('nodes', readReferenceList('node', 'node name'), 'the nodes cut from the rest, e.g. `nodes: [tokyo, t-asia]`');
      return nodes === undefined ? undefined : { kind, nodes };
    }
    case 'heal':
      return { kind };
    case 'flap':
      return readFlap(map);
  }
}

function readPop(map: MapReader): string | undefined {
  return map.require('pop', readReference('pop'), 'the PoP, e.g. `pop: tokyo`');
}

const readServer: ValueReader<string> = (ctx, node, path) => {
  const name = readString(ctx, node, path);
  if (name === undefined) return undefined;
  if (!/^[^/\s]+\/[^/\s]+$/.test(name)) return report(ctx, node, path, `expected <pop>/<server>, e.g. tokyo/edge-1, got "${name}"`);
  return readReference('server')(ctx, node, path);
};

/** `link: a--b` or `between: [a, b]`, exactly one of them. */
export function readLink(map: MapReader): LinkRef | undefined {
  if (map.has('link') && map.has('between')) {
    return report(map.ctx, map.value('between'), map.at('between'), 'give the link either as `link: a--b` or as `between: [a, b]`, not both');
  }
  if (map.has('between')) return map.read('between', readBetween);
  return map.require('link', readLinkName, 'the link, e.g. `link: t-asia--tokyo` or `between: [t-asia, tokyo]`');
}

const readLinkName: ValueReader<LinkRef> = (ctx, node, path) => {
  const name = readString(ctx, node, path);
  if (name === undefined) return undefined;
  const ends = name.split('--');
  if (ends.length !== 2 || ends.some((end) => end === '')) {
    return report(ctx, node, path, `expected a link name <a>--<b>, e.g. t-asia--tokyo, got "${name}"`);
  }
  return remember(ctx, node, path, { a: ends[0]!, b: ends[1]! });
};

const readBetween: ValueReader<LinkRef> = (ctx, node, path) => {
  const items = readList(ctx, node, path, 'the two ends of the link');
  if (items === undefined) return undefined;
  if (items.length !== 2) return report(ctx, node, path, `expected the two ends of the link, e.g. [t-asia, tokyo], got ${items.length} items`);
  const [a, b] = items.map((item) => readString(ctx, item.node, item.path));
  return a === undefined || b === undefined ? undefined : remember(ctx, node, path, { a, b });
};

function remember(ctx: ReadContext, node: ValueNode, path: string, link: LinkRef): LinkRef {
  ctx.references.push({ kind: 'link', name: linkName(link.a, link.b), link, ...positionOf(ctx, node, path) });
  return link;
}

export function readSession(map: MapReader): SessionRef | undefined {
  const router = map.require('router', readReference('router'), 'the router whose session this is, e.g. `router: t-asia`');
  const peer = map.require('peer', readReference('router'), 'its neighbour, e.g. `peer: tokyo`');
  return router === undefined || peer === undefined ? undefined : { router, peer };
}

function readLinkImpair(map: MapReader): FaultAction | undefined {
  const link = readLink(map);
  const delayMs = map.read('delay', readDuration(0, MAX_IMPAIR_DELAY_MS));
  const jitterMs = map.read('jitter', readDuration(0, MAX_IMPAIR_DELAY_MS));
  const lossPercent = map.read('loss', readPercent);
  const rateKbit = map.read('rate', readBitrate);
  const direction = map.read('direction', readEnum(['both', 'a-to-b', 'b-to-a'] as const)) ?? 'both';
  if (!['delay', 'jitter', 'loss', 'rate'].some((k) => map.has(k))) {
    return report(map.ctx, map.node, map.path, 'link-impair needs at least one of delay, jitter, loss, rate');
  }
  if (map.has('jitter') && !map.has('delay')) {
    return report(map.ctx, map.value('jitter'), map.at('jitter'), 'jitter varies a delay: give `delay` too');
  }
  if (link === undefined) return undefined;
  const impairment = {
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(jitterMs === undefined ? {} : { jitterMs }),
    ...(lossPercent === undefined ? {} : { lossPercent }),
    ...(rateKbit === undefined ? {} : { rateKbit }),
  };
  return { kind: 'link-impair', link, impairment, direction };
}

function readFlap(map: MapReader): FaultAction | undefined {
  const onLink = LINK_FIELDS.some((k) => map.has(k));
  const onSession = SESSION_FIELDS.some((k) => map.has(k));
  if (onLink && onSession) {
    return report(map.ctx, map.node, map.path, 'a flap acts on a link (`link`) or on a session (`router` + `peer`), not both');
  }
  if (!onLink && !onSession) {
    return report(map.ctx, map.node, map.path, 'a flap needs a link (`link: a--b`) or a session (`router` + `peer`)');
  }
  const link = onLink ? readLink(map) : undefined;
  const session = onSession ? readSession(map) : undefined;
  const count = map.require('count', readNumber(1, 100, true), 'how many times it goes down and up, e.g. `count: 3`');
  const periodMs = map.require('period', readDuration(200, 600_000), 'one down/up cycle, e.g. `period: 4s`');
  const downForMs = map.read('down-for', readDuration(100, 600_000)) ?? (periodMs === undefined ? undefined : periodMs / 2);
  if (periodMs !== undefined && downForMs !== undefined && downForMs >= periodMs) {
    return report(map.ctx, map.value('down-for'), map.at('down-for'), 'down-for must be shorter than the period, so that each cycle comes back up');
  }
  const target = link !== undefined ? { link } : session !== undefined ? { session } : undefined;
  if (target === undefined || count === undefined || periodMs === undefined || downForMs === undefined) return undefined;
  return { kind: 'flap', target, count, periodMs, downForMs };
}
