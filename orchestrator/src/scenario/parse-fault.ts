import { isSeq } from 'yaml';
import { expectedValue } from '../../../contracts/field-spec.ts';
import type { FieldProblem } from '../faults/fault-kind.ts';
import { parseLinkName, SERVER_NAME, TARGET_SYNTAX, type FaultTarget, type LinkRef, type SessionRef, type TargetShape } from '../faults/fault-target.ts';
import { faultKind, type FaultAction, type FaultKind } from '../faults/registry.ts';
import { linkName } from '../model/types.ts';
import { readList } from '../input/read-structure.ts';
import { readString } from '../input/read-scalars.ts';
import { fail, quote } from '../input/source.ts';
import { readReference, readReferenceList, remember } from './read-references.ts';
import type { ScenarioMap, ScenarioSlot } from './read-references.ts';
import { readKindFields } from './read-kind-fields.ts';

/** The fields a fault kind takes besides `at`, `fault` and `id`: its target's, then its parameters. */
export function faultFields(kind: FaultKind): string[] {
  const spec = faultKind(kind);
  return [...TARGET_SYNTAX[spec.target].fields, ...Object.keys(spec.fields)];
}

/** A fault of `kind` from its step's fields: target and parameters as the kind's registry entry declares them. */
export function readFaultAction(map: ScenarioMap, kind: FaultKind): FaultAction | undefined {
  const spec = faultKind(kind);
  const target = readTarget(map, spec.target);
  const values = readKindFields(map, spec.fields);
  if (target === undefined || values === undefined) return undefined;
  const action = spec.action(target, values) as FaultAction | FieldProblem;
  if ('message' in action) {
    const at = action.field !== undefined && map.has(action.field) ? action.field : undefined;
    return fail(at === undefined ? map.slot : map.get(at), action.message);
  }
  return action;
}

function readTarget(map: ScenarioMap, shape: TargetShape): FaultTarget | undefined {
  switch (shape) {
    case 'pop': {
      const pop = readPop(map);
      return pop === undefined ? undefined : { pop };
    }
    case 'server': {
      const server = readServer(map.require('server', 'the edge server, e.g. `server: tokyo/edge-1`'));
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
      const nodes = readReferenceList(map.require('nodes', 'the nodes cut from the rest, e.g. `nodes: [tokyo, t-asia]`'), 'node', 'node name');
      return nodes === undefined ? undefined : { nodes };
    }
    case 'none':
      return {};
  }
}

function readLinkOrSession(map: ScenarioMap): FaultTarget | undefined {
  const onLink = TARGET_SYNTAX.link.fields.some((k) => map.has(k));
  const onSession = TARGET_SYNTAX.session.fields.some((k) => map.has(k));
  if (onLink && onSession) {
    return fail(map.slot, 'a flap acts on a link (`link`) or on a session (`router` + `peer`), not both');
  }
  if (!onLink && !onSession) {
    return fail(map.slot, 'a flap needs a link (`link: a--b`) or a session (`router` + `peer`)');
  }
  const link = onLink ? readLink(map) : undefined;
  const session = onSession ? readSession(map) : undefined;
  return link !== undefined ? { target: { link } } : session !== undefined ? { target: { session } } : undefined;
}

function readPop(map: ScenarioMap): string | undefined {
  return readReference(map.require('pop', 'the PoP, e.g. `pop: tokyo`'), 'pop');
}

function readServer(slot: ScenarioSlot): string | undefined {
  const name = readString(slot)?.value;
  if (name === undefined) return undefined;
  if (!SERVER_NAME.pattern.test(name)) return fail(slot, `expected ${expectedValue(SERVER_NAME)}, got ${quote(name)}`);
  return readReference(slot, 'server');
}

/** `link: a--b` or `between: [a, b]`, exactly one of them. */
export function readLink(map: ScenarioMap): LinkRef | undefined {
  if (map.has('link') && map.has('between')) {
    return fail(map.get('between'), 'give the link either as `link: a--b` or as `between: [a, b]`, not both');
  }
  if (map.has('between')) return readBetween(map.get('between'));
  return readLinkName(map.require('link', 'the link, e.g. `link: t-asia--tokyo` or `between: [t-asia, tokyo]`'));
}

function readLinkName(slot: ScenarioSlot): LinkRef | undefined {
  const name = readString(slot)?.value;
  if (name === undefined) return undefined;
  const link = parseLinkName(name);
  if (link === undefined) return fail(slot, `expected a link name <a>--<b>, e.g. t-asia--tokyo, got ${quote(name)}`);
  return rememberLink(slot, link);
}

function readBetween(slot: ScenarioSlot): LinkRef | undefined {
  const items = readList(slot, { one: 'link end' });
  if (!isSeq(slot.node)) return undefined;
  if (items.length !== 2) return fail(slot, `expected the two ends of the link, e.g. [t-asia, tokyo], got ${items.length} items`);
  const [a, b] = items.map((item) => readString(item)?.value);
  return a === undefined || b === undefined ? undefined : rememberLink(slot, { a, b });
}

function rememberLink(slot: ScenarioSlot, link: LinkRef): LinkRef {
  remember(slot, 'link', linkName(link.a, link.b), link);
  return link;
}

export function readSession(map: ScenarioMap): SessionRef | undefined {
  const router = readReference(map.require('router', 'the router whose session this is, e.g. `router: t-asia`'), 'router');
  const peer = readReference(map.require('peer', 'its neighbour, e.g. `peer: tokyo`'), 'router');
  return router === undefined || peer === undefined ? undefined : { router, peer };
}
