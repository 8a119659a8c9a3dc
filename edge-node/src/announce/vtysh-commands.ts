/** Which route this server originates, from which BGP instance. */
export interface Origination {
  readonly asn: number;
  /** The service address as a host route, e.g. `198.51.100.10/32`. */
  readonly prefix: string;
}

export const GSHUT_ROUTE_MAP = 'GSHUT';

/** Configuration lines (as in frr.conf) for each action; `vtyshConfigArgs` wraps them for vtysh. */
export function announceLines(o: Origination): string[] {
  return inAddressFamily(o, `network ${o.prefix}`);
}

export function gshutLines(o: Origination): string[] {
  return [
    `route-map ${GSHUT_ROUTE_MAP} permit 10`,
    ' set community graceful-shutdown',
    'exit',
    ...inAddressFamily(o, `network ${o.prefix} route-map ${GSHUT_ROUTE_MAP}`),
  ];
}

export function withdrawLines(o: Origination): string[] {
  return inAddressFamily(o, `no network ${o.prefix}`);
}

export function routeQuery(o: Origination): string {
  return `show ip bgp ${o.prefix} json`;
}

/** One vtysh invocation applying `lines` in configuration mode. */
export function vtyshConfigArgs(lines: readonly string[]): string[] {
  return ['configure terminal', ...lines, 'end'].flatMap((line) => ['-c', line.trim()]);
}

function inAddressFamily(o: Origination, statement: string): string[] {
  return [`router bgp ${o.asn}`, ' address-family ipv4 unicast', `  ${statement}`, ' exit-address-family', 'exit'];
}
