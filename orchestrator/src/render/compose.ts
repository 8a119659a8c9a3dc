import { stringify } from 'yaml';
import { BASE_IMAGE_VARIABLES, BASE_IMAGES, imageRef } from '../../../contracts/images.ts';
import { LABEL, MONITORING_ROLE } from '../../../contracts/labels.ts';
import type { LabSpec } from './lab-spec-types.ts';

/**
 * docker-compose.yml for a lab, from the same LabSpec the Docker runtime applies. Valid for
 * Compose v1 (Debian's docker-compose 1.29: no top-level `name:`, so the project is named in
 * `.env`) and v2. Every service can build its image, so a fresh clone needs nothing but the
 * base images; the first service of each image builds it, the others find it. The lab's Prometheus,
 * where the spec has it, is in the Compose profile `monitoring` (Compose 1.28+): `docker compose up`
 * leaves it out, `docker compose --profile monitoring up` starts it too.
 */

export const MONITORING_PROFILE = 'monitoring';

const HEADER = `# Rendered by \`anycast-lab compose\` from the topology file named below; do not edit by hand.
# Start it with \`docker compose up -d\` (or \`docker-compose up -d\`); \`anycast-lab status\` and
# \`anycast-lab down\` work on it as on a lab started by \`anycast-lab up\`.
`;

/** Compose interpolates `$`; configs are data, so every `$` is escaped. */
function escapeDollars(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replaceAll('$', '$$$$')]));
}

/** How each service builds its image: from the official base images unless the variables say otherwise. */
function buildOf(target: string): Record<string, unknown> {
  return {
    context: './images',
    target,
    args: {
      DEBIAN_IMAGE: `\${${BASE_IMAGE_VARIABLES.debian}:-${BASE_IMAGES.debian}}`,
      NODE_IMAGE: `\${${BASE_IMAGE_VARIABLES.node}:-${BASE_IMAGES.node}}`,
    },
  };
}

export function renderCompose(spec: LabSpec, topologyFile: string): string {
  const keyOf = new Map(spec.networks.map((n) => [n.name, n.key]));
  const document = {
    version: '2.4',
    services: Object.fromEntries([
      [
        spec.hostSetup.labels[LABEL.node]!,
        {
          image: imageRef(spec.hostSetup.image),
          build: buildOf(spec.hostSetup.image),
          container_name: spec.hostSetup.name,
          network_mode: 'host',
          cap_add: [...spec.hostSetup.capAdd],
          labels: { ...spec.hostSetup.labels },
          entrypoint: [...spec.hostSetup.entrypoint],
          command: [...spec.hostSetup.command],
          restart: 'no',
        },
      ],
      ...spec.containers.map((c) => [
        c.node,
        {
          ...(c.role === MONITORING_ROLE ? { profiles: [MONITORING_PROFILE] } : {}),
          image: imageRef(c.image),
          build: buildOf(c.image),
          container_name: c.name,
          hostname: c.hostname,
          cap_add: [...c.capAdd],
          ...(c.devices.length > 0 ? { devices: c.devices.map((d) => `${d}:${d}`) } : {}),
          sysctls: { ...c.sysctls },
          restart: c.restart,
          labels: { ...c.labels },
          environment: escapeDollars(c.env),
          networks: Object.fromEntries(c.networks.map((n) => [keyOf.get(n.network)!, { ipv4_address: n.address }])),
        },
      ]),
    ]),
    networks: Object.fromEntries(
      spec.networks.map((n) => [
        n.key,
        {
          name: n.name,
          driver: 'bridge',
          driver_opts: { 'com.docker.network.bridge.name': n.bridge },
          internal: true,
          labels: { ...n.labels },
          ipam: { config: [{ subnet: n.subnet, gateway: n.gateway }] },
        },
      ]),
    ),
  };
  return `${HEADER}# topology: ${topologyFile}\n` + stringify(document, { version: '1.1', lineWidth: 0, blockQuote: 'literal' });
}

export function renderComposeEnv(spec: LabSpec): string {
  return `# Compose project name (Compose v1 refuses a top-level name: key).\nCOMPOSE_PROJECT_NAME=${spec.lab}\n`;
}
