import { describeField, fieldPlaceholder } from '../../../contracts/field-spec.ts';
import { AnycastLabError } from '../errors.ts';
import type { FieldProblem } from '../faults/fault-kind.ts';
import { parseLinkName, SERVER_NAME, TARGET_SYNTAX, type FaultTarget, type LinkRef, type SessionRef, type TargetShape } from '../faults/fault-target.ts';
import { FAULT_KINDS, faultKind, isFaultKind, type FaultAction, type FaultKind } from '../faults/registry.ts';
import { didYouMean } from '../input/suggest.ts';
import type { FlagSpec, FlagSpecs } from './command.ts';
import { flagValue } from './flag-value.ts';

/**
 * `anycast-lab fault ...` as data: a fault to inject, faults to revert, or the list of faults in
 * force. Kinds, their arguments and their flags (with bounds) all come from the fault registry,
 * so the command line takes exactly what a scenario file takes.
 */

function kindLine(kind: FaultKind): string {
  const spec = faultKind(kind);
  const args = TARGET_SYNTAX[spec.target].args;
  const flags = Object.entries(spec.fields).map(([name, field]) => (field.required ? `--${name} ${fieldPlaceholder(field)}` : `[--${name} ${fieldPlaceholder(field)}]`));
  return `  ${[kind, args, ...flags].filter(Boolean).join(' ')}`;
}

export const FAULT_USAGE = `fault KIND TARGET... [--lab LAB] [--topology FILE] [--pool CIDR] [--id ID] [options]
       fault revert (--all | ID...) [--force] [--lab LAB]
       fault list [--lab LAB]

${FAULT_KINDS.map(kindLine).join('\n')}`;

/** Flags given on the command line, by name (`--down-for` as `down-for`). */
export type FaultFlags = Readonly<Record<string, string | boolean | undefined>> & { readonly id?: string; readonly all?: boolean; readonly force?: boolean };

export type FaultCommand =
  | { readonly command: 'inject'; readonly action: FaultAction; readonly id?: string }
  | { readonly command: 'revert'; readonly ids: 'all' | readonly string[]; readonly force: boolean }
  | { readonly command: 'list' };

/** The flags every fault kind's fields make, for the command table: one flag per field name. */
export const FAULT_FIELD_FLAGS: FlagSpecs = Object.fromEntries(
  [...new Set(FAULT_KINDS.flatMap((kind) => Object.keys(faultKind(kind).fields)))].map((name): [string, FlagSpec] => {
    const users = FAULT_KINDS.filter((kind) => name in faultKind(kind).fields);
    const field = faultKind(users[0]!).fields[name]!;
    // Kinds that mean the same by a name share one line; kinds that mean different things get one each.
    const meanings = new Map<string, FaultKind[]>();
    for (const kind of users) {
      const f = faultKind(kind).fields[name]!;
      const line = `${f.doc} (${describeField(f)})`;
      meanings.set(line, [...(meanings.get(line) ?? []), kind]);
    }
    const help = [...meanings].map(([line, kinds]) => `${kinds.join(', ')}: ${line}`).join('; ');
    return [name, { type: 'string', value: fieldPlaceholder(field), help }];
  }),
);

function usage(message: string): AnycastLabError {
  return new AnycastLabError('USAGE', `anycast-lab fault: ${message}\nusage: anycast-lab ${FAULT_USAGE}`);
}

/** A problem message from the registry, its `field` names written as flags. */
function asFlags(message: string): string {
  return message.replace(/`([a-z][a-z-]*)`/g, '--$1');
}

function targets(kind: string, args: readonly string[], count: number, what: string): string[] {
  if (args.length !== count) throw usage(`${kind} takes ${what}, got ${args.length === 0 ? 'nothing' : args.join(' ')}`);
  return [...args];
}

function link(kind: string, args: readonly string[]): LinkRef {
  const [name] = targets(kind, args, 1, 'one link, A--B (e.g. t-asia--tokyo)');
  const ref = parseLinkName(name!);
  if (ref === undefined) throw usage(`${kind}: expected a link A--B (e.g. t-asia--tokyo), got "${name}"`);
  return ref;
}

function session(kind: string, args: readonly string[]): SessionRef {
  const [router, peer] = targets(kind, args, 2, 'a router and its peer (e.g. t-asia tokyo)');
  return { router: router!, peer: peer! };
}

function target(kind: FaultKind, shape: TargetShape, args: readonly string[]): FaultTarget {
  switch (shape) {
    case 'pop':
      return { pop: targets(kind, args, 1, 'one PoP')[0]! };
    case 'server': {
      const [server] = targets(kind, args, 1, `one edge server, ${SERVER_NAME.form} (e.g. ${SERVER_NAME.example})`);
      if (!SERVER_NAME.pattern.test(server!)) throw usage(`${kind}: expected ${SERVER_NAME.form} (e.g. ${SERVER_NAME.example}), got "${server}"`);
      return { server: server! };
    }
    case 'link':
      return { link: link(kind, args) };
    case 'session':
      return { session: session(kind, args) };
    case 'link-or-session':
      return { target: args.length === 2 ? { session: session(kind, args) } : { link: link(kind, args) } };
    case 'nodes':
      if (args.length === 0) throw usage(`${kind} takes the nodes to cut off (e.g. tokyo t-asia)`);
      return { nodes: [...args] };
    case 'none':
      targets(kind, args, 0, 'no target');
      return {};
  }
}

function action(kind: FaultKind, args: readonly string[], flags: FaultFlags): FaultAction {
  const spec = faultKind(kind);
  const values: Record<string, string | number | boolean> = {};
  for (const [name, field] of Object.entries(spec.fields)) {
    const text = flags[name];
    if (typeof text !== 'string') {
      if (field.required) throw usage(`${kind} needs --${name}: ${field.doc} (${describeField(field)})`);
      if (field.default !== undefined) values[name] = field.default;
      continue;
    }
    values[name] = flagValue(name, text, field, usage);
  }
  const made = spec.action(target(kind, spec.target, args), values) as FaultAction | FieldProblem;
  if ('message' in made) throw usage(asFlags(made.message));
  return made;
}

export function parseFaultArgs(positionals: readonly string[], flags: FaultFlags): FaultCommand {
  const [word, ...args] = positionals;
  if (word === undefined) throw usage('name a fault kind, `revert` or `list`');
  if (word === 'list') {
    targets('list', args, 0, 'no argument');
    return { command: 'list' };
  }
  if (word === 'revert') {
    if (flags.all && args.length > 0) throw usage('revert takes --all or fault ids, not both');
    if (!flags.all && args.length === 0) throw usage('revert what? `--all`, or the ids `anycast-lab fault list` shows');
    return { command: 'revert', ids: flags.all ? 'all' : args, force: flags.force === true };
  }
  if (!isFaultKind(word)) throw usage(`unknown fault kind "${word}"${didYouMean(word, FAULT_KINDS)}; kinds: ${FAULT_KINDS.join(', ')}`);
  if (flags.force) throw usage('--force goes with revert: `fault revert --all --force` strikes out faults whose revert failed');
  const allowed = Object.keys(faultKind(word).fields);
  const stray = Object.keys(flags).filter((f) => !['id', 'all', 'force'].includes(f) && flags[f] !== undefined && !allowed.includes(f));
  if (flags.all) stray.push('all');
  if (stray.length > 0) throw usage(`${word} takes no --${stray.join(', --')}`);
  return { command: 'inject', action: action(word, args, flags), ...(typeof flags.id === 'string' ? { id: flags.id } : {}) };
}
