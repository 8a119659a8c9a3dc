/**
 * Environment variables the orchestrator sets in lab containers and the programs (and the shell
 * scripts in images/common) read. One name each, so writer and reader cannot drift.
 */

/** Every node. */
export const LAB_ENV = {
  name: 'LAB_NAME',
  node: 'LAB_NODE',
  role: 'LAB_ROLE',
  mgmtAddr: 'LAB_MGMT_ADDR',
  serviceAddr: 'LAB_SERVICE_ADDR',
  servicePort: 'LAB_SERVICE_PORT',
  defaultVia: 'LAB_DEFAULT_VIA',
  loopback: 'LAB_LOOPBACK',
  extraAddrs: 'LAB_EXTRA_ADDRS',
  impairments: 'LAB_IMPAIRMENTS',
  /** Links carried by the wire (docs/wire.md): `link cidr peer-mgmt port delay jitter loss rate;...`. */
  wires: 'LAB_WIRES',
} as const;

/** Routers and edge servers (FRR). */
export const FRR_ENV = {
  conf: 'FRR_CONF',
  daemons: 'FRR_DAEMONS',
} as const;

/** Edge servers (see docs/edge-service.md). */
export const EDGE_ENV = {
  pop: 'EDGE_POP',
  server: 'EDGE_SERVER',
  serviceAddr: 'EDGE_SERVICE_ADDR',
  lanAddr: 'EDGE_LAN_ADDR',
  serverAsn: 'EDGE_SERVER_ASN',
  originUrl: 'EDGE_ORIGIN_URL',
  parentUrls: 'EDGE_PARENT_URLS',
  httpPort: 'EDGE_HTTP_PORT',
  h2cPort: 'EDGE_H2C_PORT',
  adminPort: 'EDGE_ADMIN_PORT',
  frrDriver: 'EDGE_FRR_DRIVER',
  kernelFilter: 'EDGE_KERNEL_FILTER',
  /** LAN addresses of the PoP's other servers, comma-separated: blocks are shared with them. */
  peers: 'EDGE_PEERS',
  /** The PoP's key for the block-sharing channel (HMAC-SHA256), hex; required with EDGE_PEERS. */
  peerKey: 'EDGE_PEER_KEY',
  peerPort: 'EDGE_PEER_PORT',
  cacheMaxBytes: 'EDGE_CACHE_MAX_BYTES',
  healthIntervalMs: 'EDGE_HEALTH_INTERVAL_MS',
  healthRise: 'EDGE_HEALTH_RISE',
  healthFall: 'EDGE_HEALTH_FALL',
  healthMaxLagMs: 'EDGE_HEALTH_MAX_LAG_MS',
  drainQuietMs: 'EDGE_DRAIN_QUIET_MS',
  drainMaxMs: 'EDGE_DRAIN_MAX_MS',
  sourceRps: 'EDGE_SOURCE_RPS',
  sourceBurst: 'EDGE_SOURCE_BURST',
  prefixRps: 'EDGE_PREFIX_RPS',
  prefixBurst: 'EDGE_PREFIX_BURST',
  blockSeconds: 'EDGE_BLOCK_SECONDS',
  detectIntervalMs: 'EDGE_DETECT_INTERVAL_MS',
} as const;

/** Probe and bot agents (images/client). */
export const AGENT_ENV = {
  clientNetwork: 'CLIENT_NETWORK',
  port: 'AGENT_PORT',
  botSources: 'BOT_SOURCES',
} as const;

/** The origin (images/origin). */
export const ORIGIN_ENV = {
  addr: 'ORIGIN_ADDR',
  port: 'ORIGIN_PORT',
} as const;

/** The lab's Prometheus (`up --monitoring`; images/common/lab-prometheus). */
export const MONITORING_ENV = {
  /** prometheus.yml, rendered from the plan (orchestrator/src/render/prometheus-config.ts). */
  config: 'PROMETHEUS_CONFIG',
  /** `address:port` Prometheus listens on (--web.listen-address). */
  listen: 'PROMETHEUS_LISTEN',
} as const;
