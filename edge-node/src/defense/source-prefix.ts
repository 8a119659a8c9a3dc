/** Strips the IPv4-mapped IPv6 form Node reports for IPv4 clients on dual-stack sockets. */
export function normalizeSource(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/** The aggregate a source is limited and blocked with: its IPv4 /24, or its IPv6 /64. */
export function sourcePrefix(source: string): string {
  if (!source.includes(':')) return `${source.slice(0, source.lastIndexOf('.'))}.0/24`;
  const [head = '', tail] = source.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...new Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
