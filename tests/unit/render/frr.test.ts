import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { renderDaemons, renderFrrConfig } from '../../../orchestrator/src/render/frr.ts';
import { assertGolden } from '../../helpers/golden.ts';
import { ROOT, shippedPlan } from '../../helpers/topologies.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const LABS = ['mini', 'world'] as const;

for (const lab of LABS) {
  test(`${lab}: frr.conf of every router matches its golden file`, async (t) => {
    const plan = await shippedPlan(lab);
    for (const node of plan.nodes.filter((n) => n.asn !== undefined)) {
      assertGolden(t, `${ROOT}tests/fixtures/golden/${lab}/${node.name}.frr.conf`, renderFrrConfig(plan, node));
    }
    assertGolden(t, `${ROOT}tests/fixtures/golden/${lab}/daemons`, renderDaemons(plan));
  });
}

const haveVtysh = spawnSync('vtysh', ['--help']).status === 0;
const frrTest = haveVtysh || process.env.CI ? test : test.skip;
if (!haveVtysh && !process.env.CI) console.warn('vtysh not installed (apt-get install frr): skipping the real-parser checks');

for (const lab of LABS) {
  frrTest(`${lab}: every rendered frr.conf is accepted by FRR's own parser (vtysh --dryrun)`, async (t) => {
    const plan = await shippedPlan(lab);
    const dir = tempDir(t, 'frr');
    for (const node of plan.nodes.filter((n) => n.asn !== undefined)) {
      const file = join(dir, `${node.name}.conf`);
      writeFileSync(file, renderFrrConfig(plan, node));
      const result = await execa('vtysh', ['--dryrun', '-f', file], { reject: false });
      t.is(result.exitCode, 0, `${node.name}: ${result.stdout}${result.stderr}`);
    }
  });
}

frrTest('the parser check is real: a bad line makes vtysh --dryrun fail', async (t) => {
  const file = join(tempDir(t, 'frr'), 'bad.conf');
  writeFileSync(file, 'router bgp 65000\n neighbor 10.0.0.1 remote-as\n');
  const result = await execa('vtysh', ['--dryrun', '-f', file], { reject: false });
  t.not(result.exitCode, 0);
});

test('the PoP router aggregates the anycast prefix, ECMPs its servers and announces only its own prefixes', async (t) => {
  const plan = await shippedPlan('mini');
  const config = renderFrrConfig(plan, plan.nodes.find((n) => n.name === 'west')!);
  t.regex(config, /aggregate-address 198\.51\.100\.0\/24 summary-only/);
  t.regex(config, /maximum-paths 8/);
  t.regex(config, /neighbor 198\.19\.1\.10 route-map OWN-ONLY out/);
  t.notRegex(config, /neighbor 198\.19\.2\.11 route-map OWN-ONLY out/);
  t.regex(config, /neighbor 198\.19\.2\.11 bfd profile lab/);
});

test('edge servers announce nothing until the edge service says so, and learn nothing', async (t) => {
  const plan = await shippedPlan('mini');
  const config = renderFrrConfig(plan, plan.nodes.find((n) => n.name === 'west-edge-1')!);
  t.notRegex(config, /network 198\.51\.100\.10/);
  t.regex(config, /route-map LEARN-NOTHING in/);
});

test('BFD off: no bfd block and bfdd not started', async (t) => {
  const plan = await shippedPlan('mini');
  const noBfd = { ...plan, topology: { ...plan.topology, bgp: { ...plan.topology.bgp, bfd: { ...plan.topology.bgp.bfd, enabled: false } } } };
  const config = renderFrrConfig(noBfd, noBfd.nodes[0]!);
  t.notRegex(config, /bfd/);
  t.regex(renderDaemons(noBfd), /bfdd=no/);
});
