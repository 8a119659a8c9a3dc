import test from 'ava';
import { DEFAULT_TUNING, readEdgeConfig } from '../../../edge-node/src/config.ts';
import { EdgeError } from '../../../edge-node/src/errors.ts';

const env = {
  LAB_NAME: 'world',
  LAB_NODE: 'tokyo-edge-1',
  LAB_MGMT_ADDR: '198.19.255.21',
  EDGE_POP: 'tokyo',
  EDGE_SERVER: 'edge-1',
  EDGE_SERVICE_ADDR: '198.51.100.10',
  EDGE_LAN_ADDR: '198.18.4.11',
  EDGE_SERVER_ASN: '64512',
  EDGE_ORIGIN_URL: 'http://198.18.9.2:80',
};

test('the runtime contract\'s environment, with defaults for ports and tuning', (t) => {
  const config = readEdgeConfig(env);
  t.like(config, {
    node: 'tokyo-edge-1',
    pop: 'tokyo',
    server: 'edge-1',
    serviceAddr: '198.51.100.10',
    lanAddr: '198.18.4.11',
    mgmtAddr: '198.19.255.21',
    asn: 64512,
    ports: { http: 80, h2c: 8080, admin: 9180 },
    frrDriver: 'vtysh',
  });
  t.is(config.originUrl.href, 'http://198.18.9.2/');
  t.deepEqual(config.parentUrls, []);
  t.deepEqual(config.health, DEFAULT_TUNING.health);
  t.deepEqual(config.defense, DEFAULT_TUNING.defense);
});

test('parents, ports, driver and tuning come from the environment too', (t) => {
  const config = readEdgeConfig({
    ...env,
    EDGE_PARENT_URLS: 'http://198.18.5.11:80, http://198.18.5.12:80',
    EDGE_HTTP_PORT: '8000',
    EDGE_FRR_DRIVER: 'memory',
    EDGE_HEALTH_INTERVAL_MS: '200',
    EDGE_SOURCE_RPS: '1000',
    EDGE_BLOCK_SECONDS: '5',
  });
  t.deepEqual(config.parentUrls.map((u) => u.host), ['198.18.5.11', '198.18.5.12']);
  t.is(config.ports.http, 8000);
  t.is(config.frrDriver, 'memory');
  t.is(config.health.intervalMs, 200);
  t.deepEqual(config.defense.limiter.source, { perSecond: 1000, burst: 2000 });
  t.is(config.defense.sourceBlocks.baseMs, 5000);
});

test('every problem is reported at once, naming the variable', (t) => {
  const error = t.throws(
    () =>
      readEdgeConfig({
        ...env,
        EDGE_POP: 'Tokyo!',
        EDGE_SERVICE_ADDR: '198.51.100',
        EDGE_SERVER_ASN: undefined,
        EDGE_ORIGIN_URL: 'https://origin/path',
        EDGE_H2C_PORT: '99999',
        EDGE_FRR_DRIVER: 'netlink',
      }),
    { instanceOf: EdgeError },
  );
  t.is(error?.code, 'CONFIG_INVALID');
  for (const fragment of [
    'EDGE_POP must be lower-case letters, digits and dashes, got "Tokyo!"',
    'EDGE_SERVICE_ADDR must be an IPv4 address',
    'EDGE_SERVER_ASN is required',
    'EDGE_ORIGIN_URL: "https://origin/path" must be an http:// URL with no path',
    'EDGE_H2C_PORT must be an integer from 0 to 65535, got "99999"',
    'EDGE_FRR_DRIVER must be one of vtysh, memory, got "netlink"',
  ]) {
    t.true(error?.message.includes(fragment), fragment);
  }
});

test('block sharing: peers and their key from the environment; a peer list without a good key is refused', (t) => {
  t.deepEqual(readEdgeConfig(env).peers, { addresses: [], key: '', port: 9181 });
  const key = 'ab'.repeat(32);
  t.deepEqual(readEdgeConfig({ ...env, EDGE_PEERS: '198.18.4.12, 198.18.4.13', EDGE_PEER_KEY: key }).peers, { addresses: ['198.18.4.12', '198.18.4.13'], key, port: 9181 });
  const error = t.throws(() => readEdgeConfig({ ...env, EDGE_PEERS: '198.18.4.12,edge-2', EDGE_PEER_KEY: 'short' }), { instanceOf: EdgeError });
  t.regex(error!.message, /EDGE_PEERS must be IPv4 addresses separated by commas, got "edge-2"/);
  t.regex(error!.message, /EDGE_PEER_KEY must be at least 32 lower-case hex digits/);
});
