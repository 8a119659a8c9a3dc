import test from 'ava';
import { checkUpstream, type UpstreamCheckDeps } from '../../../../edge-node/src/health/upstream-check.ts';

function deps(overrides: Partial<UpstreamCheckDeps>, probes: string[]): UpstreamCheckDeps {
  return {
    cachedObjects: () => 0,
    lastUpstreamOkMs: () => -Infinity,
    now: () => 10_000,
    recentMs: 2000,
    probe: async () => {
      probes.push('probe');
      return false;
    },
    ...overrides,
  };
}

test('with content cached the upstream is not needed, and not probed', async (t) => {
  const probes: string[] = [];
  t.is(await checkUpstream(deps({ cachedObjects: () => 3 }, probes)), 'cached');
  t.deepEqual(probes, []);
});

test('a recent successful fetch saves a probe', async (t) => {
  const probes: string[] = [];
  t.is(await checkUpstream(deps({ lastUpstreamOkMs: () => 9000 }, probes)), 'reachable');
  t.deepEqual(probes, []);
});

test('otherwise the probe decides', async (t) => {
  const probes: string[] = [];
  t.is(await checkUpstream(deps({ lastUpstreamOkMs: () => 7000 }, probes)), 'unreachable');
  t.is(await checkUpstream(deps({ probe: async () => true }, probes)), 'reachable');
  t.deepEqual(probes, ['probe']);
});
