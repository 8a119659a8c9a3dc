import { explainClient, type ExplainHop } from '../../lab/explain.ts';
import { containerName } from '../../render/lab-spec.ts';
import { DockerRuntime } from '../../runtime/docker.ts';
import { AnycastLabError } from '../../errors.ts';
import { parseCommandArgs } from '../args.ts';
import { resolveLab } from '../context.ts';
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
  const last = hops.at(-1);
  const lands = last?.paths.some((p) => p.best) ? `lands on PoP ${last.router}` : 'does not reach any PoP';
  return `${client} -> ${service}: ${lands}\n\n${renderTable(['hop', 'router', 'route', 'AS path', 'decision', 'next hop'], rows)}\n`;
}

export async function explainCommand(argv: readonly string[]): Promise<number> {
  const usage = 'explain CLIENT [--lab LAB]';
  const { values, positionals } = parseCommandArgs('explain', argv, { lab: { type: 'string' } }, usage);
  const client = positionals[0];
  if (!client) throw new AnycastLabError('USAGE', `anycast-lab explain: name a client network\nusage: anycast-lab ${usage}`);
  const runtime = new DockerRuntime();
  await runtime.ping();
  const lab = await resolveLab(runtime, values.lab);
  const env = await runtime.exec(containerName(lab, client), ['printenv', 'LAB_SERVICE_ADDR'], { timeoutMs: 5000 }).catch(() => undefined);
  const service = env?.stdout.trim() || '198.51.100.10';
  process.stdout.write(renderExplanation(client, service, await explainClient(runtime, lab, client, service)));
  return 0;
}
