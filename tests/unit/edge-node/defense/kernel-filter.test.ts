import test from 'ava';
import {
  IptablesKernelFilter,
  jumpRule,
  parseChainCounters,
  READ_COUNTERS_ARGS,
  renderBlockChain,
} from '../../../../edge-node/src/defense/kernel-filter.ts';

test('the block chain drops exactly the blocked IPv4 sources and prefixes; IPv6 stays with the process', (t) => {
  t.is(
    renderBlockChain(['198.19.6.40', '198.19.6.0/24', '2001:db8::/64']),
    '*filter\n:EDGE-BLOCK - [0:0]\n-A EDGE-BLOCK -s 198.19.6.0/24 -j DROP\n-A EDGE-BLOCK -s 198.19.6.40 -j DROP\nCOMMIT\n',
  );
  t.is(renderBlockChain([]), '*filter\n:EDGE-BLOCK - [0:0]\nCOMMIT\n');
});

test('the counters are read from `iptables -S EDGE-BLOCK -v`, a /32 keyed as the bare address', (t) => {
  // As iptables 1.8.9 (nf_tables) prints it.
  const text = [
    '-N EDGE-BLOCK',
    '-A EDGE-BLOCK -s 198.19.6.40/32 -c 12 720 -j DROP',
    '-A EDGE-BLOCK -s 198.19.7.0/24 -c 3000000000 180000000000 -j DROP',
    '-A EDGE-BLOCK -s 198.19.8.1/32 -c 0 0 -j ACCEPT',
    '',
  ].join('\n');
  t.deepEqual(parseChainCounters(text), [
    { key: '198.19.6.40', packets: 12, bytes: 720 },
    { key: '198.19.7.0/24', packets: 3_000_000_000, bytes: 180_000_000_000 },
  ]);
  t.deepEqual(parseChainCounters('-N EDGE-BLOCK\n'), []);
});

test('apply rewrites the chain and installs the jump once (only if missing); readCounters asks iptables -S -v', async (t) => {
  const calls: string[] = [];
  const filter = new IptablesKernelFilter([80, 8080], async (file, args, input) => {
    calls.push(`${file} ${args.join(' ')}${input ? ` <${input.split('\n').length - 1} lines>` : ''}`);
    if (args[1] === '-C') throw new Error('no such rule');
    return args.includes('-S') ? '-N EDGE-BLOCK\n-A EDGE-BLOCK -s 198.19.6.40/32 -c 5 300 -j DROP\n' : '';
  });
  await filter.apply(['198.19.6.40']);
  t.deepEqual(await filter.readCounters(), [{ key: '198.19.6.40', packets: 5, bytes: 300 }]);
  await filter.apply([]);
  t.deepEqual(calls, [
    'iptables-restore -w --noflush <4 lines>',
    `iptables -w -C ${jumpRule([80, 8080]).join(' ')}`,
    `iptables -w -I ${jumpRule([80, 8080]).join(' ')}`,
    `iptables ${READ_COUNTERS_ARGS.join(' ')}`,
    'iptables-restore -w --noflush <3 lines>',
  ]);
});
