import { execa } from 'execa';
import type { HostRoute } from '../plan/collisions.ts';

/** The host's IPv4 routes, every table (`ip -j -4 route show table all`). */
export async function readHostRoutes(): Promise<HostRoute[]> {
  const { stdout } = await execa('ip', ['-j', '-4', 'route', 'show', 'table', 'all']);
  const routes = JSON.parse(stdout) as { dst: string; dev?: string; type?: string }[];
  return routes
    .filter((r) => r.type === undefined || r.type === 'unicast')
    .map((r) => ({ dst: r.dst, dev: r.dev ?? '' }));
}
