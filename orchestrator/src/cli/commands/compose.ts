import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadTopology } from '../../model/topology.ts';
import { planAddresses } from '../../plan/addressing.ts';
import { renderCompose, renderComposeEnv } from '../../render/compose.ts';
import { renderLabSpec } from '../../render/lab-spec.ts';
import { defineCommand } from '../command.ts';
import { DEFAULT_TOPOLOGY } from '../context.ts';

export const composeCommand = defineCommand({
  name: 'compose',
  summary: 'render a topology as a Compose file (and its .env) for `docker compose up`',
  usage: '[TOPOLOGY] [flags]',
  flags: {
    out: { type: 'string', value: 'FILE', help: 'where to write the Compose file (default docker-compose.yml); its .env goes beside it' },
  },
  details: `TOPOLOGY defaults to ${DEFAULT_TOPOLOGY}. Compose reads .env from the folder of the file, so the
.env is written there (e.g. --out /tmp/lab/compose.yml writes /tmp/lab/.env). The lab's Prometheus is
in the profile monitoring: \`docker compose --profile monitoring up -d\` starts it with the lab.`,
  async run({ values, positionals }) {
    const file = positionals[0] ?? DEFAULT_TOPOLOGY;
    const topology = await loadTopology(file);
    const spec = renderLabSpec(planAddresses(topology), { monitoring: true });
    const out = values.out ?? 'docker-compose.yml';
    const env = join(dirname(out), '.env');
    await writeFile(out, renderCompose(spec, file));
    await writeFile(env, renderComposeEnv(spec));
    process.stdout.write(`wrote ${out} and ${env} (lab ${spec.lab}: ${spec.containers.length} services, ${spec.networks.length} networks)\n`);
    return 0;
  },
});
