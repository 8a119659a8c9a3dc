/**
 * What a fault acts on. A handful of target shapes serve every fault kind; each says how it is
 * written in a scenario (its fields), on the command line (its arguments) and in reports.
 */
import type { NameField } from '../../../contracts/field-spec.ts';
import { linkName } from '../model/types.ts';

/** A link named by its two ends, in the order written (`a--b` or `between: [a, b]`). */
export interface LinkRef {
  readonly a: string;
  readonly b: string;
}

/** A BGP session as seen from `router`, to its neighbour `peer`. */
export interface SessionRef {
  readonly router: string;
  readonly peer: string;
}

export type ImpairDirection = 'both' | 'a-to-b' | 'b-to-a';

export const TARGET_SHAPES = ['pop', 'server', 'link', 'session', 'link-or-session', 'nodes', 'none'] as const;
export type TargetShape = (typeof TARGET_SHAPES)[number];

/** The part of a fault action that names its target, per shape. */
export interface TargetOf {
  pop: { readonly pop: string };
  server: { readonly server: string };
  link: { readonly link: LinkRef };
  session: { readonly session: SessionRef };
  'link-or-session': { readonly target: { readonly link: LinkRef } | { readonly session: SessionRef } };
  nodes: { readonly nodes: readonly string[] };
  none: Record<never, never>;
}

export type FaultTarget = TargetOf[TargetShape];

/** An edge server as scenarios and the command line write it. */
export const SERVER_NAME: NameField = {
  type: 'name',
  pattern: /^[^/\s]+\/[^/\s]+$/,
  form: '<pop>/<server>',
  example: 'tokyo/edge-1',
  doc: 'the edge server',
};

export interface TargetSyntax {
  /** Scenario fields that name the target. */
  readonly fields: readonly string[];
  /** How the scenario writes it, for the docs. */
  readonly written: string;
  /** Command-line arguments, for usage lines. */
  readonly args: string;
}

export const TARGET_SYNTAX: { readonly [S in TargetShape]: TargetSyntax } = {
  pop: { fields: ['pop'], written: '`pop: tokyo`', args: 'POP' },
  server: { fields: ['server'], written: '`server: tokyo/edge-1`', args: 'POP/SERVER' },
  link: { fields: ['link', 'between'], written: '`link: t-asia--tokyo` or `between: [t-asia, tokyo]` (either order)', args: 'A--B' },
  session: { fields: ['router', 'peer'], written: '`router: t-asia`, `peer: tokyo`', args: 'ROUTER PEER' },
  'link-or-session': { fields: ['link', 'between', 'router', 'peer'], written: 'a link (`link` or `between`) or a session (`router` + `peer`)', args: 'A--B | ROUTER PEER' },
  nodes: { fields: ['nodes'], written: '`nodes: [tokyo, t-asia]`', args: 'NODE...' },
  none: { fields: [], written: 'none', args: '' },
};

/** `a--b` as its two ends, or undefined when it is not of that form. */
export function parseLinkName(name: string): LinkRef | undefined {
  const ends = name.split('--');
  return ends.length === 2 && ends.every((end) => end !== '' && !/\s/.test(end)) ? { a: ends[0]!, b: ends[1]! } : undefined;
}

export function describeLink(link: LinkRef): string {
  return linkName(link.a, link.b);
}

export function describeSession(session: SessionRef): string {
  return `${session.router} peer ${session.peer}`;
}

/** What a fault acts on, as shown in reports: `tokyo`, `t-asia--tokyo`, `t-asia peer tokyo`. */
export function describeTarget(shape: TargetShape, target: FaultTarget): string | undefined {
  switch (shape) {
    case 'pop':
      return (target as TargetOf['pop']).pop;
    case 'server':
      return (target as TargetOf['server']).server;
    case 'link':
      return describeLink((target as TargetOf['link']).link);
    case 'session':
      return describeSession((target as TargetOf['session']).session);
    case 'link-or-session': {
      const t = (target as TargetOf['link-or-session']).target;
      return 'link' in t ? describeLink(t.link) : describeSession(t.session);
    }
    case 'nodes':
      return (target as TargetOf['nodes']).nodes.join(', ');
    case 'none':
      return undefined;
  }
}
