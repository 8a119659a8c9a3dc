import type { HttpUpstreamClient } from './http-upstream-client.ts';
import type { UpstreamRequest } from './upstream.ts';

/**
 * Can content be fetched at all? True if the origin answers anything to `HEAD /` or a parent
 * answers 200 to `GET /probe`.
 */
export async function probeUpstreams(client: HttpUpstreamClient, origin: URL, parents: readonly URL[]): Promise<boolean> {
  const ask = (base: URL, method: string, url: string): UpstreamRequest => ({
    method,
    url,
    host: base.host,
    headers: {},
    body: undefined,
    fromChildTier: false,
  });
  const results = await Promise.allSettled([
    client.send(origin, ask(origin, 'HEAD', '/')).then(() => true),
    ...parents.map((parent) => client.send(parent, ask(parent, 'GET', '/probe')).then((r) => r.status === 200)),
  ]);
  return results.some((r) => r.status === 'fulfilled' && r.value);
}
