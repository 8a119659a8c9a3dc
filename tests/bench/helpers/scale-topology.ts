/**
 * A topology of N PoPs for the scale benchmark: two transits peering with each other, the PoPs
 * (two edge servers each) alternately behind one or the other, one client network and the origin
 * behind each transit. The timers are the shipped labs' (BFD 100 ms x 3) unless asked otherwise.
 */
export function scaleTopologyYaml(pops: number, options: { readonly lab: string; readonly pool: string; readonly bfd?: boolean }): string {
  const name = (i: number): string => `pop${String(i + 1).padStart(2, '0')}`;
  const popLines = Array.from({ length: pops }, (_, i) => `  - { name: ${name(i)}, upstreams: [${i % 2 === 0 ? 't-a' : 't-b'}], servers: 2 }`);
  return `lab: ${options.lab}
addressing:
  pool: ${options.pool}
  anycast: 198.51.100.0/24
  service: 198.51.100.10
bgp:
  timers: datacenter
  bfd: { enabled: ${options.bfd ?? true}, interval: 100ms, multiplier: 3 }
edge:
  asn: 64500
  server-asn: 64512
transits:
  - { name: t-a, asn: 65010 }
  - { name: t-b, asn: 65020 }
links:
  - { between: [t-a, t-b] }
pops:
${popLines.join('\n')}
clients:
  - { name: users-a, asn: 65110, upstream: t-a, probes: 1 }
  - { name: users-b, asn: 65120, upstream: t-b, probes: 1 }
origin: { name: origin, upstream: t-b }
`;
}
