import test from 'ava';
import { IptablesKernelFilter, jumpRule, renderBlockChain } from '../../../../edge-node/src/defense/kernel-filter.ts';

test('the block chain drops exactly the blocked IPv4 sources and prefixes; IPv6 stays with the process', (t) => {
  t.is(
    renderBlockChain(['198.19.6.40', '198.19.6.0/24', '2001:db8::/64']),
    '*filter\n:EDGE-BLOCK - [0:0]\n-A EDGE-BLOCK -s 198.19.6.40 -j DROP\n-A EDGE-BLOCK -s 198.19.6.0/24 -j DROP\nCOMMIT\n',
  );
  t.is(renderBlockChain([]), '*filter\n:EDGE-BLOCK - [0:0]\nCOMMIT\n');
});

test('sync rewrites the chain only when the set changed, and installs the jump once (only if missing)', async (t) => {
  const calls: string[] = [];
  const filter = new IptablesKernelFilter([80, 8080], async (file, args, input) => {
    calls.push(`${file} ${args.join(' ')}${input ? ` <${input.split('\n').length - 1} lines>` : ''}`);
    if (args[0] === '-C') throw new Error('no such rule');
  });
  await filter.sync(['198.19.6.40']);
  await filter.sync(['198.19.6.40']);
  await filter.sync([]);
  t.deepEqual(calls, [
    'iptables-restore --noflush <4 lines>',
    `iptables -C ${jumpRule([80, 8080]).join(' ')}`,
    `iptables -I ${jumpRule([80, 8080]).join(' ')}`,
    'iptables-restore --noflush <3 lines>',
  ]);
});
