import { createHash } from 'node:crypto';

/** Names of a lab's Docker resources: `<lab>-<node>`, `<lab>-<network>`, and the host bridge of a network. */

export function containerName(lab: string, node: string): string {
  return `${lab}-${node}`;
}

export function networkName(lab: string, key: string): string {
  return `${lab}-${key}`;
}

/** `al` + 12 hex digits of the network's name: unique, stable, within the 15-character limit. */
export function bridgeName(network: string): string {
  return `al${createHash('sha256').update(network).digest('hex').slice(0, 12)}`;
}
