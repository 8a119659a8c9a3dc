import { readLabStatus, type LabStatus } from '../../lab/status.ts';
import { catchmentJson, catchmentTable } from '../catchment-table.ts';
import { defineCommand, JSON_FLAG } from '../command.ts';
import { connectRuntime, resolveLab } from '../context.ts';
import { renderTable } from '../table.ts';

function statusText(status: LabStatus): string {
  const nodes = renderTable(['node', 'role', 'state'], status.nodes.map((n) => [n.name, n.role, n.state]));
  const bgp = renderTable(['router', 'peer', 'neighbor', 'state', 'prefixes in'], status.bgp.map((s) => [s.router, s.peer, s.peerName, s.state, String(s.prefixesReceived)]));
  const impairments = status.impairments.length > 0 ? `\n\nlink impairments\n${status.impairments.join('\n')}` : '';
  const prometheus = status.prometheusUrl ? `\n\nPrometheus: ${status.prometheusUrl}` : '';
  return `lab ${status.lab}\n\n${nodes}\n\nBGP sessions\n${bgp}\n\ncatchment\n${catchmentTable(status.catchment)}${impairments}${prometheus}\n`;
}

export function statusJson(status: LabStatus): object {
  return {
    lab: status.lab,
    nodes: status.nodes,
    bgp: status.bgp.map((s) => ({ router: s.router, peer: s.peer, peer_name: s.peerName, state: s.state, prefixes_received: s.prefixesReceived })),
    catchment: catchmentJson(status.catchment),
    impairments: status.impairments,
    ...(status.prometheusUrl ? { prometheus: status.prometheusUrl } : {}),
  };
}

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'nodes, BGP sessions, catchment, link impairments and Prometheus (if any) of a running lab',
  usage: '[LAB] [flags]',
  flags: { ...JSON_FLAG },
  details: 'LAB defaults to the only lab that is up.',
  async run({ values, positionals }) {
    const runtime = await connectRuntime();
    const status = await readLabStatus(runtime, await resolveLab(runtime, positionals[0]));
    process.stdout.write(values.json ? `${JSON.stringify(statusJson(status), null, 2)}\n` : statusText(status));
    return 0;
  },
});
