/** The lab's container images (targets of images/Dockerfile) and their references. */
export const IMAGE_NAMES = ['router', 'edge', 'client', 'origin', 'monitoring'] as const;
export type ImageName = (typeof IMAGE_NAMES)[number];

export const IMAGE_REPOSITORY = 'anycast-lab';
export const IMAGE_TAG = '0.1';

export function imageRef(image: ImageName): string {
  return `${IMAGE_REPOSITORY}/${image}:${IMAGE_TAG}`;
}
