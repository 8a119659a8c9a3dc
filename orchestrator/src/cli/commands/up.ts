import { ensureEngine, ensureHostPackages } from '../../host/setup.ts';
import { streamProgress } from '../../progress.ts';
import { linksWithUnappliedImpairments, readLabImpairments } from '../../lab/status.ts';
import { upLab } from '../../lab/up.ts';
import { loadTopology } from '../../model/topology.ts';
import { durationFlag } from '../args.ts';
import { catchmentTable } from '../catchment-table.ts';
import { defineCommand } from '../command.ts';
import { connectRuntime, DEFAULT_TOPOLOGY } from '../context.ts';
import { abortOnInterrupt } from '../interrupt.ts';

export const upCommand = defineCommand({
  name: 'up',
  summary: 'bring a lab up, wait until every BGP session is Established and every client is served, show who serves whom',
  usage: '[TOPOLOGY] [flags]',
  flags: {
    name: { type: 'string', value: 'LAB', help: 'lab name (default: the topology\'s `lab`); lets two labs of one topology run side by side' },
    pool: { type: 'string', value: 'CIDR', help: 'address pool for the lab\'s networks (default: the topology\'s addressing.pool)' },
    timeout: { type: 'string', value: 'DURATION', help: 'how long to wait for readiness (default 120s)' },
    'no-build': { type: 'boolean', help: 'do not rebuild the lab images first (they must exist)' },
    monitoring: { type: 'boolean', help: "also start the lab's Prometheus on the management network (docs/monitoring.md)" },
  },
  details: `TOPOLOGY defaults to ${DEFAULT_TOPOLOGY}. Running up again on a lab that is up changes only what
differs from the file (containers whose configuration changed are recreated); a lab that was already
up and fails to change stays as it was. Ctrl-C or SIGTERM stops and removes what this call made.
With --monitoring the lab also gets a Prometheus, scraping every router's BGP exporter and every edge
server's /metrics; up without it leaves a lab's Prometheus as it is (down removes it with the lab).`,
  async run({ values, positionals }) {
    const file = positionals[0] ?? DEFAULT_TOPOLOGY;
    const readyTimeoutMs = durationFlag('up', 'timeout', values.timeout, 120_000);
    const topology = await loadTopology(file, { ...(values.name ? { lab: values.name } : {}), ...(values.pool ? { pool: values.pool } : {}) });
    const progress = streamProgress();
    const started = Date.now();
    await ensureHostPackages();
    await ensureEngine();
    const runtime = await connectRuntime();
    const interrupt = abortOnInterrupt({
      cleaning: 'cleaning up',
      leftover: () => `\`anycast-lab down ${topology.lab}\` removes what is left`,
    });
    try {
      const result = await upLab(runtime, topology, progress, {
        readyTimeoutMs,
        signal: interrupt.signal,
        buildImages: !values['no-build'],
        ...(values.monitoring ? { monitoring: true } : {}),
      });
      const established = result.readiness.sessions.filter((s) => s.state === 'Established').length;
      process.stdout.write(
        `\nlab ${topology.lab} is ready (${((Date.now() - started) / 1000).toFixed(1)} s): ${result.spec.containers.length} containers, ` +
          `${established} BGP sessions Established (both ends counted)\n\n${catchmentTable(result.readiness.catchment)}\n`,
      );
      if (result.prometheusUrl) process.stdout.write(`\nPrometheus: ${result.prometheusUrl} (from this host, over the management network)\n`);
      const unapplied = linksWithUnappliedImpairments(await readLabImpairments(runtime, topology.lab));
      if (unapplied.length > 0) {
        process.stdout.write(
          `\nnote: this kernel has no netem (CONFIG_NET_SCH_NETEM), so the link delays of the topology are not applied on ` +
            `${unapplied.length} links (${unapplied.join(', ')}); loss and rate limits still are (iptables statistic, tbf). ` +
            `Links with \`mechanism: auto\` (the default) or \`wire\` get their delay from the wire instead (docs/wire.md). ` +
            `\`anycast-lab status\` lists them.\n`,
        );
      }
      process.stdout.write(`\nnext: anycast-lab status ${topology.lab} | anycast-lab chaos run topology/scenarios/pop-crash-bfd.yaml | anycast-lab down ${topology.lab}\n`);
      return 0;
    } finally {
      interrupt.release();
    }
  },
});
