import test from 'ava';
import { parseBgpSummary } from '../../../orchestrator/src/lab/observe.ts';
import { linksWithUnappliedImpairments } from '../../../orchestrator/src/lab/status.ts';

test('parses FRR 8 `show bgp summary json`', (t) => {
  const json = JSON.stringify({
    ipv4Unicast: {
      routerId: '198.19.0.4',
      peers: {
        '198.19.1.10': { remoteAs: 65010, state: 'Established', pfxRcd: 4, desc: 't-west' },
        '198.19.2.11': { remoteAs: 64512, state: 'Active', desc: 'west-edge-1' },
      },
    },
  });
  t.deepEqual(parseBgpSummary('west', json), [
    { router: 'west', peer: '198.19.1.10', peerName: 't-west', state: 'Established', prefixesReceived: 4 },
    { router: 'west', peer: '198.19.2.11', peerName: 'west-edge-1', state: 'Active', prefixesReceived: 0 },
  ]);
  t.deepEqual(parseBgpSummary('x', '{}'), []);
});

test('names each link whose impairment could not be applied, once', (t) => {
  const lines = [
    't-east: t-west--t-east eth4: not applied: delay 20ms (this kernel has no netem: CONFIG_NET_SCH_NETEM)',
    't-west: t-west--t-east eth1: not applied: delay 20ms (this kernel has no netem: CONFIG_NET_SCH_NETEM)',
    't-west: t-west--west eth2: applied: loss 1% (iptables statistic)',
  ];
  t.deepEqual(linksWithUnappliedImpairments(lines), ['t-west--t-east']);
});
