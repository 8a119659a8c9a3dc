import { explainClient, type ExplainHop } from '../../lab/explain.ts';
import { containerName } from '../../render/resource-names.ts';
import { usageError } from '../args.ts';
import { defineCommand, JSON_FLAG, LAB_FLAG } from '../command.ts';
import { connectRuntime, resolveLab } from '../context.ts';
import { renderTable } from '../table.ts';

export function renderExplanation(client: string, service: string, hops: readonly ExplainHop[]): string {
  const rows = hops.flatMap((hop, i) => {
    if (hop.paths.length === 0) return [[String(i + 1), hop.router, hop.prefix, '-', 'no route: traffic is dropped here', '-']];
    const best = hop.paths.filter((p) => p.best || p.multipath);
    const ecmp = best.length > 1 ? ` (ECMP over ${best.length})` : '';
    return hop.paths.map((p, k) => [
      k === 0 ? String(i + 1) : '',
      k === 0 ? hop.router : '',
      k === 0 ? hop.prefix : '',
      p.asPath,
      p.best ? `best${ecmp}: ${p.reason ?? ''}`.trim() : p.multipath ? 'also used (ECMP)' : 'not chosen',
      p.via,
    ]);
  });
  return `${client} -> ${service}: ${landing(hops)}\n\n${renderTable(['hop', 'router', 'route', 'AS path', 'decision', 'next hop'], rows)}\n`;
}

/** The PoP the last hop's best path ends at, if the client reaches one. */
export function landingPop(hops: readonly ExplainHop[]): string | undefined {
  const last = hops.at(-1);
  return last?.paths.some((p) => p.best) ? last.router : undefined;
}

function landing(hops: readonly ExplainHop[]): string {
  const pop = landingPop(hops);
  return pop ? `lands on PoP ${pop}` : 'does not reach any PoP';
}

export const explainCommand = defineCommand({
  name: 'explain',
  summary: 'why a client network lands on its PoP: the best path and the BGP decision, router by router',
  usage: 'CLIENT [flags]',
  flags: { ...LAB_FLAG, ...JSON_FLAG },
  details: 'CLIENT is a client network of the lab (e.g. users-asia). Reads each router\'s BGP table as JSON.',
  async run({ values, positionals }) {
    const client = positionals[0];
    if (!client) throw usageError('explain', 'name a client network (e.g. anycast-lab explain users-asia)');
    const runtime = await connectRuntime();
    const lab = await resolveLab(runtime, values.lab);
    const env = await runtime.exec(containerName(lab, client), ['printenv', 'LAB_SERVICE_ADDR'], { timeoutMs: 5000 }).catch(() => undefined);
    const service = env?.stdout.trim() || '198.51.100.10';
    const hops = await explainClient(runtime, lab, client, service);
    process.stdout.write(
      values.json ? `${JSON.stringify({ lab, client, service, lands_on: landingPop(hops) ?? null, hops }, null, 2)}\n` : renderExplanation(client, service, hops),
    );
    return 0;
  },
});
