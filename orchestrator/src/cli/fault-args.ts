import { AnycastLabError } from '../errors.ts';
import type { Impairment } from '../model/types.ts';
import { parseBitrateKbit, parseDurationMs, parsePercent } from '../../../contracts/units.ts';
import { FAULT_KINDS, type FaultAction, type FaultKind, type ImpairDirection, type LinkRef, type SessionRef } from '../scenario/types.ts';

/** `anycast-lab fault ...` as data: a fault to inject, faults to revert, or the list of faults in force. */

export const FAULT_USAGE = `fault KIND TARGET... [--lab LAB] [--topology FILE] [--pool CIDR] [--id ID] [options]
       fault revert (--all | ID...) [--force] [--lab LAB]
       fault list [--lab LAB]

  pop-crash POP | pop-kill POP | pop-restart POP | pop-undrain POP
  pop-drain POP [--wait 2s]
  server-crash POP/SERVER | server-unhealthy POP/SERVER
  link-down A--B | link-up A--B
  link-impair A--B [--delay 200ms] [--jitter 10ms] [--loss 20%] [--rate 1mbit] [--direction both|a-to-b|b-to-a]
  bgp-session-down ROUTER PEER | bgp-session-up ROUTER PEER
  partition NODE... | heal
  flap A--B | flap ROUTER PEER   --count 3 --period 10s [--down-for 5s]`;

export interface FaultFlags {
  readonly id?: string;
  readonly wait?: string;
  readonly delay?: string;
  readonly jitter?: string;
  readonly loss?: string;
  readonly rate?: string;
  readonly direction?: string;
  readonly count?: string;
  readonly period?: string;
  readonly 'down-for'?: string;
  readonly all?: boolean;
  readonly force?: boolean;
}

export type FaultCommand =
  | { readonly command: 'inject'; readonly action: FaultAction; readonly id?: string }
  | { readonly command: 'revert'; readonly ids: 'all' | readonly string[]; readonly force: boolean }
  | { readonly command: 'list' };

const DEFAULT_DRAIN_WAIT_MS = 2000;
const DIRECTIONS: readonly ImpairDirection[] = ['both', 'a-to-b', 'b-to-a'];

function usage(message: string): AnycastLabError {
  return new AnycastLabError('USAGE', `anycast-lab fault: ${message}\nusage: anycast-lab ${FAULT_USAGE}`);
}

function targets(kind: string, args: readonly string[], count: number, what: string): string[] {
  if (args.length !== count) throw usage(`${kind} takes ${what}, got ${args.length === 0 ? 'nothing' : args.join(' ')}`);
  return [...args];
}

function link(kind: string, args: readonly string[]): LinkRef {
  const [name] = targets(kind, args, 1, 'one link, A--B (e.g. t-asia--tokyo)');
  const ends = name!.split('--');
  if (ends.length !== 2 || ends.some((e) => e === '')) throw usage(`${kind}: expected a link A--B (e.g. t-asia--tokyo), got "${name}"`);
  return { a: ends[0]!, b: ends[1]! };
}

function session(kind: string, args: readonly string[]): SessionRef {
  const [router, peer] = targets(kind, args, 2, 'a router and its peer (e.g. t-asia tokyo)');
  return { router: router!, peer: peer! };
}

function duration(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDurationMs(value);
  if (ms === undefined || ms < min) throw usage(`--${flag} ${value}: expected a duration of at least ${min} ms, such as 500ms or 2s`);
  return ms;
}

function impairment(flags: FaultFlags): Impairment {
  const delayMs = duration('delay', flags.delay, 0);
  const jitterMs = duration('jitter', flags.jitter, 0);
  const lossPercent = flags.loss === undefined ? undefined : parsePercent(/^[\d.]+$/.test(flags.loss) ? Number(flags.loss) : flags.loss);
  if (flags.loss !== undefined && lossPercent === undefined) throw usage(`--loss ${flags.loss}: expected a percentage from 0 to 100, such as 20%`);
  const rateKbit = flags.rate === undefined ? undefined : parseBitrateKbit(flags.rate);
  if (flags.rate !== undefined && rateKbit === undefined) throw usage(`--rate ${flags.rate}: expected a bit rate such as 500kbit or 10mbit`);
  if (jitterMs !== undefined && delayMs === undefined) throw usage('--jitter varies a delay: give --delay too');
  const result = {
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(jitterMs === undefined ? {} : { jitterMs }),
    ...(lossPercent === undefined ? {} : { lossPercent }),
    ...(rateKbit === undefined ? {} : { rateKbit }),
  };
  if (Object.keys(result).length === 0) throw usage('link-impair needs at least one of --delay, --jitter, --loss, --rate');
  return result;
}

function flap(args: readonly string[], flags: FaultFlags): FaultAction {
  const target = args.length === 2 ? { session: session('flap', args) } : { link: link('flap', args) };
  const count = Number(flags.count);
  if (flags.count === undefined || !Number.isInteger(count) || count < 1 || count > 100) throw usage('flap needs --count, a whole number from 1 to 100');
  const periodMs = duration('period', flags.period, 200);
  if (periodMs === undefined) throw usage('flap needs --period, one down/up cycle, such as 10s');
  const downForMs = duration('down-for', flags['down-for'], 100) ?? periodMs / 2;
  if (downForMs >= periodMs) throw usage('--down-for must be shorter than --period, so that each cycle comes back up');
  return { kind: 'flap', target, count, periodMs, downForMs };
}

function action(kind: FaultKind, args: readonly string[], flags: FaultFlags): FaultAction {
  switch (kind) {
    case 'pop-crash':
    case 'pop-kill':
    case 'pop-restart':
    case 'pop-undrain':
      return { kind, pop: targets(kind, args, 1, 'one PoP')[0]! };
    case 'pop-drain':
      return { kind, pop: targets(kind, args, 1, 'one PoP')[0]!, waitMs: duration('wait', flags.wait, 0) ?? DEFAULT_DRAIN_WAIT_MS };
    case 'server-crash':
    case 'server-unhealthy': {
      const [server] = targets(kind, args, 1, 'one edge server, POP/SERVER (e.g. tokyo/edge-1)');
      if (!/^[^/]+\/[^/]+$/.test(server!)) throw usage(`${kind}: expected POP/SERVER (e.g. tokyo/edge-1), got "${server}"`);
      return { kind, server: server! };
    }
    case 'link-down':
    case 'link-up':
      return { kind, link: link(kind, args) };
    case 'link-impair': {
      const direction = (flags.direction ?? 'both') as ImpairDirection;
      if (!DIRECTIONS.includes(direction)) throw usage(`--direction ${flags.direction}: expected ${DIRECTIONS.join(', ')}`);
      return { kind, link: link(kind, args), impairment: impairment(flags), direction };
    }
    case 'bgp-session-down':
    case 'bgp-session-up':
      return { kind, session: session(kind, args) };
    case 'partition':
      if (args.length === 0) throw usage('partition takes the nodes to cut off (e.g. tokyo t-asia)');
      return { kind, nodes: [...args] };
    case 'heal':
      targets(kind, args, 0, 'no target');
      return { kind };
    case 'flap':
      return flap(args, flags);
  }
}

/** Only the options a kind takes may be given with it. */
const KIND_FLAGS: Partial<Record<FaultKind, readonly (keyof FaultFlags)[]>> = {
  'pop-drain': ['wait'],
  'link-impair': ['delay', 'jitter', 'loss', 'rate', 'direction'],
  flap: ['count', 'period', 'down-for'],
};

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
  if (!(FAULT_KINDS as readonly string[]).includes(word)) throw usage(`unknown fault kind "${word}"; kinds: ${FAULT_KINDS.join(', ')}`);
  const kind = word as FaultKind;
  const allowed = KIND_FLAGS[kind] ?? [];
  if (flags.force) throw usage('--force goes with revert: `fault revert --all --force` strikes out faults whose revert failed');
  const stray = (Object.keys(flags) as (keyof FaultFlags)[]).filter((f) => f !== 'id' && flags[f] !== undefined && !allowed.includes(f));
  if (stray.length > 0) throw usage(`${kind} takes no --${stray.join(', --')}`);
  return { command: 'inject', action: action(kind, args, flags), ...(flags.id === undefined ? {} : { id: flags.id }) };
}
