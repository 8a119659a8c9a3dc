import { expectedValue } from '../../../contracts/field-spec.ts';
import type { FieldProblem } from '../faults/fault-kind.ts';
import { parseLinkName, SERVER_NAME, TARGET_SYNTAX, type FaultTarget, type LinkRef, type SessionRef, type TargetShape } from '../faults/fault-target.ts';
import { faultKind, type FaultAction, type FaultKind } from '../faults/registry.ts';
import { linkName } from '../model/types.ts';
import { quote } from '../model/source.ts';
import { positionOf, readList, readReference, readReferenceList, readString, report } from './yaml-reader.ts';
import type { MapReader, ReadContext, ValueNode, ValueReader } from './yaml-reader.ts';
import { readKindFields } from './read-kind-fields.ts';

/** The fields a fault kind takes besides `at`, `fault` and `id`: its target's, then its parameters. */
export function faultFields(kind: FaultKind): string[] {
  const spec = faultKind(kind);
  return [...TARGET_SYNTAX[spec.target].fields, ...Object.keys(spec.fields)];
}

/** A fault of `kind` from its step's fields: target and parameters as the kind's registry entry declares them. */
export function readFaultAction(map: MapReader, kind: FaultKind): FaultAction | undefined {
  const spec = faultKind(kind);
  const target = readTarget(map, spec.target);
  const values = readKindFields(map, spec.fields);
  if (target === undefined || values === undefined) return undefined;
  const action = spec.action(target, values) as FaultAction | FieldProblem;
  if ('message' in action) {
    const at = action.field !== undefined && map.has(action.field) ? action.field : undefined;
    return at === undefined ? report(map.ctx, map.node, map.path, action.message) : report(map.ctx, map.value(at), map.at(at), action.message);
  }
  return action;
}

function readTarget(map: MapReader, shape: TargetShape): FaultTarget | undefined {
  switch (shape) {
    case 'pop': {
      const pop = readPop(map);
      return pop === undefined ? undefined : { pop };
    }
    case 'server': {
      const server = map.require('server', readServer, 'the edge server, e.g. `server: tokyo/edge-1`');
      return server === undefined ? undefined : { server };
    }
    case 'link': {
      const link = readLink(map);
      return link === undefined ? undefined : { link };
    }
    case 'session': {
      const session = readSession(map);
      return session === undefined ? undefined : { session };
    }
    case 'link-or-session':
      return readLinkOrSession(map);
    case 'nodes': {
      const nodes = map.require('nodes', readReferenceList('node', 'node name'), 'the nodes cut from the rest, e.g. `nodes: [tokyo, t-asia]`');
      return nodes === undefined ? undefined : { nodes };
    }
    case 'none':
      return {};
  }
}

function readLinkOrSession(map: MapReader): FaultTarget | undefined {
  const onLink = TARGET_SYNTAX.link.fields.some((k) => map.has(k));
  const onSession = TARGET_SYNTAX.session.fields.some((k) => map.has(k));
  if (onLink && onSession) {
    return report(map.ctx, map.node, map.path, 'a flap acts on a link (`link`) or on a session (`router` + `peer`), not both');
  }
  if (!onLink && !onSession) {
    return report(map.ctx, map.node, map.path, 'a flap needs a link (`link: a--b`) or a session (`router` + `peer`)');
  }
  const link = onLink ? readLink(map) : undefined;
  const session = onSession ? readSession(map) : undefined;
  return link !== undefined ? { target: { link } } : session !== undefined ? { target: { session } } : undefined;
}

function readPop(map: MapReader): string | undefined {
  return map.require('pop', readReference('pop'), 'the PoP, e.g. `pop: tokyo`');
}

const readServer: ValueReader<string> = (ctx, node, path) => {
  const name = readString(ctx, node, path);
  if (name === undefined) return undefined;
  if (!SERVER_NAME.pattern.test(name)) return report(ctx, node, path, `expected ${expectedValue(SERVER_NAME)}, got ${quote(name)}`);
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
  const link = parseLinkName(name);
  if (link === undefined) return report(ctx, node, path, `expected a link name <a>--<b>, e.g. t-asia--tokyo, got ${quote(name)}`);
  return remember(ctx, node, path, link);
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
