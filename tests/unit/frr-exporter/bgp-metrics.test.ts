import test from 'ava';
import { parseFrrBgpSummary, type FrrBgpPeer } from '../../../contracts/frr-bgp-summary.ts';
import { renderBgpMetrics } from '../../../images/frr-exporter/src/bgp-metrics.ts';
import { sampleValue } from '../edge-node/helpers/prometheus-text.ts';

const established: FrrBgpPeer = { peer: '198.19.1.3', name: 't-east', state: 'Established', remoteAs: 65020, prefixesReceived: 5, prefixesSent: 3, uptimeMs: 12_345 };
const idle: FrrBgpPeer = { peer: '198.19.3.11', name: 'west-edge-1', state: 'Active', remoteAs: 64512, prefixesReceived: 0, prefixesSent: 0, uptimeMs: 0 };

test('one sample per peer and family: established, state, prefixes in and out, uptime', (t) => {
  const text = renderBgpMetrics({ ok: true, peers: [established, idle] }, 0.0123);
  const east = { peer: '198.19.1.3', peer_name: 't-east', remote_as: '65020' };
  t.is(sampleValue(text, 'frr_up'), 1);
  t.is(sampleValue(text, 'frr_scrape_duration_seconds'), 0.0123);
  t.is(sampleValue(text, 'frr_bgp_peer_established', east), 1);
  t.is(sampleValue(text, 'frr_bgp_peer_established', { peer_name: 'west-edge-1' }), 0);
  t.is(sampleValue(text, 'frr_bgp_peer_state', { ...east, state: 'Established' }), 1);
  t.is(sampleValue(text, 'frr_bgp_peer_state', { peer_name: 'west-edge-1', state: 'Active' }), 1);
  t.is(sampleValue(text, 'frr_bgp_peer_prefixes_received', east), 5);
  t.is(sampleValue(text, 'frr_bgp_peer_prefixes_sent', east), 3);
  t.is(sampleValue(text, 'frr_bgp_peer_uptime_seconds', east), 12.345);
});

test('the text is well formed: HELP and TYPE once per family before its samples, a final newline', (t) => {
  const text = renderBgpMetrics({ ok: true, peers: [established, idle] }, 0.01);
  t.true(text.endsWith('\n'));
  const lines = text.trimEnd().split('\n');
  const declared = new Set<string>();
  for (const line of lines) {
    const type = /^# TYPE (\S+) gauge$/.exec(line);
    if (type) {
      t.false(declared.has(type[1]!), `${type[1]} declared twice`);
      declared.add(type[1]!);
    } else if (!line.startsWith('# HELP ')) {
      const name = /^([a-z_]+)[{ ]/.exec(line)?.[1];
      t.true(name !== undefined && declared.has(name), line);
    }
  }
  t.is(lines.filter((l) => l.startsWith('frr_bgp_peer_state{')).length, 2);
});

test('vtysh failing: frr_up 0 and no peer samples', (t) => {
  const text = renderBgpMetrics({ ok: false }, 4);
  t.is(sampleValue(text, 'frr_up'), 0);
  t.false(/^frr_bgp_peer_/m.test(text));
});

test('label values are escaped: backslash, quote, newline', (t) => {
  const text = renderBgpMetrics({ ok: true, peers: [{ ...established, name: 'a "b"\\c\nd' }] }, 0);
  t.true(text.includes('peer_name="a \\"b\\"\\\\c\\nd"'));
});

test('from a real FRR 8.4 summary: the PoP router sees its transit and both servers', (t) => {
  const summary = JSON.stringify({
    ipv4Unicast: {
      routerId: '198.19.0.4',
      as: 64500,
      peers: {
        '198.19.1.10': { hostname: 't-west', remoteAs: 65010, state: 'Established', peerUptimeMsec: 61000, pfxRcd: 6, pfxSnt: 1, desc: 't-west' },
        '198.19.3.11': { remoteAs: 64512, state: 'Established', peerUptimeMsec: 59000, pfxRcd: 1, pfxSnt: 0, desc: 'west-edge-1' },
        '198.19.3.12': { remoteAs: 64512, state: 'Connect', peerUptimeMsec: 0, pfxSnt: 0, desc: 'west-edge-2' },
      },
    },
  });
  const text = renderBgpMetrics({ ok: true, peers: parseFrrBgpSummary(summary) }, 0.02);
  t.is(sampleValue(text, 'frr_bgp_peer_established', { peer_name: 't-west', remote_as: '65010' }), 1);
  t.is(sampleValue(text, 'frr_bgp_peer_prefixes_received', { peer_name: 'west-edge-1' }), 1);
  t.is(sampleValue(text, 'frr_bgp_peer_established', { peer_name: 'west-edge-2' }), 0);
  t.is(sampleValue(text, 'frr_bgp_peer_prefixes_received', { peer_name: 'west-edge-2' }), 0);
});
