import { parseEndpoint, type Endpoint } from './packet-ports.ts';
import { DEFAULT_WIRE_PARAMS, wireParams, WireParamsError, type WireParams } from './wire-params.ts';

/**
 * The relay's command line, parsed without side effects:
 *   wire udp --a HOST:PORT [--a-peer HOST:PORT] --b HOST:PORT [--b-peer HOST:PORT] [--a-to-b SPEC] [--b-to-a SPEC] [--control FILE]
 *   wire tun --fd N --listen HOST:PORT --peer HOST:PORT [--egress SPEC] [--control FILE]
 * SPEC is `delay=100,jitter=5,loss=1,rate=10000,mtu=1472,order=jitter` (ms, percent, kbit/s, bytes).
 * In `tun` mode side a is the TUN (egress: TUN -> peer is impaired) and side b the UDP carrier.
 */
export type WireCommand =
  | { readonly mode: 'udp'; readonly a: Endpoint; readonly aPeer?: Endpoint; readonly b: Endpoint; readonly bPeer?: Endpoint; readonly aToB: WireParams; readonly bToA: WireParams; readonly control?: string }
  | { readonly mode: 'tun'; readonly fd: number; readonly listen: Endpoint; readonly peer: Endpoint; readonly aToB: WireParams; readonly bToA: WireParams; readonly control?: string };

const SPEC_KEYS: Record<string, keyof WireParams> = {
  delay: 'delayMs',
  jitter: 'jitterMs',
  loss: 'lossPct',
  rate: 'rateKbit',
  mtu: 'mtu',
  order: 'order',
  queue: 'queueMs',
  burst: 'burstBytes',
};

export function parseWireSpec(spec: string, base: WireParams = DEFAULT_WIRE_PARAMS): WireParams {
  const input: Record<string, string> = {};
  for (const part of spec.split(',').filter(Boolean)) {
    const [name, value] = part.split('=');
    const key = SPEC_KEYS[name ?? ''];
    if (!key || value === undefined) throw new WireParamsError(`wire spec: expected name=value with name one of ${Object.keys(SPEC_KEYS).join(', ')}, got ${JSON.stringify(part)}`);
    input[key] = value;
  }
  return wireParams(input, base);
}

export function parseWireArgs(argv: readonly string[]): WireCommand {
  const [mode, ...rest] = argv;
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i]!;
    const value = rest[i + 1];
    if (!flag.startsWith('--') || value === undefined) throw new WireParamsError(`expected --flag value pairs, got ${JSON.stringify(flag)}`);
    flags.set(flag.slice(2), value);
  }
  const need = (name: string): string => {
    const value = flags.get(name);
    if (value === undefined) throw new WireParamsError(`wire ${mode}: --${name} is required`);
    return value;
  };
  const endpoint = (name: string): Endpoint | undefined => (flags.has(name) ? parseEndpoint(flags.get(name)!) : undefined);
  const control = flags.get('control');
  const common = { ...(control !== undefined && { control }) };
  if (mode === 'udp') {
    return {
      mode,
      a: parseEndpoint(need('a')),
      b: parseEndpoint(need('b')),
      ...(flags.has('a-peer') && { aPeer: endpoint('a-peer')! }),
      ...(flags.has('b-peer') && { bPeer: endpoint('b-peer')! }),
      aToB: parseWireSpec(flags.get('a-to-b') ?? ''),
      bToA: parseWireSpec(flags.get('b-to-a') ?? ''),
      ...common,
    };
  }
  if (mode === 'tun') {
    const fd = Number(need('fd'));
    if (!Number.isInteger(fd) || fd < 0) throw new WireParamsError(`wire tun: --fd expects a file descriptor number, got ${JSON.stringify(flags.get('fd'))}`);
    const egress = parseWireSpec(flags.get('egress') ?? '');
    // The carrier is clean: the far end's relay already applied that direction's impairment.
    return { mode, fd, listen: parseEndpoint(need('listen')), peer: parseEndpoint(need('peer')), aToB: egress, bToA: { ...DEFAULT_WIRE_PARAMS, mtu: 65_535 }, ...common };
  }
  throw new WireParamsError(`usage: wire udp|tun ... (got ${JSON.stringify(mode ?? '')})`);
}
