/**
 * How a lab's addressing pool is carved, in /24 blocks: the management network, the links' /29s
 * (32 to a block), then one LAN per PoP, client network and botnet. The addressing plan carves it
 * so; validation checks beforehand that the pool has room.
 */

export const LINKS_PER_BLOCK = 32;

/** How many /24 blocks of the pool a lab takes. */
export function blocksNeeded(counts: { links: number; lans: number }): number {
  return 1 + Math.ceil(counts.links / LINKS_PER_BLOCK) + counts.lans;
}
