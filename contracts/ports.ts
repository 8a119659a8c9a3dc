/** TCP ports the lab's programs listen on, inside their containers. */
export const PORTS = {
  /** The edge's HTTP/1.1 service, and the origin's. */
  http: 80,
  /** The edge's cleartext HTTP/2 service. */
  h2c: 8080,
  /** The edge's admin API, on the management network only. */
  edgeAdmin: 9180,
  /** UDP: blocks shared between the servers of a PoP, on the PoP's LAN. */
  edgePeers: 9181,
  /** The probe/bot agent's API, on the management network only. */
  agent: 9100,
  /** A router's BGP exporter (images/frr-exporter), Prometheus text on the management address. */
  frrExporter: 9342,
  /** Prometheus (`up --monitoring`), on the management network. */
  prometheus: 9090,
  /** UDP, on the management network: a wire's carrier (docs/wire.md) uses this plus the link's index. */
  wireBase: 4789,
} as const;

/** `http://host:port`, with IPv6 hosts in brackets. */
export function httpBase(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
