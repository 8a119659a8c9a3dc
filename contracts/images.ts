/** The lab's container images (targets of images/Dockerfile) and their references. */
export const IMAGE_NAMES = ['router', 'edge', 'client', 'origin', 'monitoring'] as const;
export type ImageName = (typeof IMAGE_NAMES)[number];

export const IMAGE_REPOSITORY = 'anycast-lab';
export const IMAGE_TAG = '0.1';

export function imageRef(image: ImageName): string {
  return `${IMAGE_REPOSITORY}/${image}:${IMAGE_TAG}`;
}

/**
 * The official images the Dockerfile starts FROM (its ARG defaults say the same; a unit test keeps
 * them equal). Node 24 is the current LTS: the edge, the agents and the origin run on it. Where no
 * registry answers, images/setup/make-base-images.sh makes stand-ins under the project's own tags
 * (anycast-lab/base-debian:bookworm, anycast-lab/base-node:24), never under these names.
 */
export const BASE_IMAGES = { debian: 'debian:bookworm-slim', node: 'node:24-bookworm-slim' } as const;

/**
 * The variables a rendered Compose file builds from (`docker compose build`): unset, the official
 * images; `npx anycast-lab setup` prints what to set them to where it made its own.
 */
export const BASE_IMAGE_VARIABLES = { debian: 'ANYCAST_LAB_DEBIAN_IMAGE', node: 'ANYCAST_LAB_NODE_IMAGE' } as const;
