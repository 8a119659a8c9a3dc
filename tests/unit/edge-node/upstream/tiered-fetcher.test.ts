import test from 'ava';
import type { OutgoingHttpHeaders } from 'node:http';
import { EdgeError } from '../../../../edge-node/src/errors.ts';
import { TieredFetcher, type UpstreamSender } from '../../../../edge-node/src/upstream/tiered-fetcher.ts';
import type { UpstreamRequest, UpstreamResponse } from '../../../../edge-node/src/upstream/upstream.ts';

const origin = new URL('http://198.18.0.100:80');
const parentA = new URL('http://198.18.1.11:80');
const parentB = new URL('http://198.18.1.12:80');

class FakeSender implements UpstreamSender {
  readonly calls: Array<{ host: string; tier: unknown }> = [];
  status = new Map<string, number | 'down'>();

  async send(base: URL, _request: UpstreamRequest, extra: OutgoingHttpHeaders = {}): Promise<UpstreamResponse> {
    this.calls.push({ host: base.hostname, tier: extra['x-anycast-lab-tier'] });
    const status = this.status.get(base.hostname) ?? 200;
    if (status === 'down') throw new EdgeError('UPSTREAM_FAILED', `${base.hostname} down`);
    return { status, headers: {}, body: Buffer.from(base.hostname) };
  }
}

function request(fromChildTier = false): UpstreamRequest {
  return { method: 'GET', url: '/obj/1', host: 'svc', headers: {}, body: undefined, fromChildTier };
}

function setup() {
  const sender = new FakeSender();
  const fetches: string[] = [];
  const fetcher = new TieredFetcher(sender, origin, [parentA, parentB], 'tokyo/edge-1', {
    onFetch: (tier, outcome) => fetches.push(`${tier}:${outcome}`),
  });
  return { sender, fetcher, fetches };
}

test('a parent answers first, marked with the tier header', async (t) => {
  const { sender, fetcher, fetches } = setup();
  const response = await fetcher.fetch(request());
  t.not(response.body.toString(), origin.hostname);
  t.is(sender.calls.length, 1);
  t.is(sender.calls[0]?.tier, 'tokyo/edge-1');
  t.deepEqual(fetches, ['parent:ok']);
});

test('failing parents (down or 5xx) fall through to the next, then to the origin', async (t) => {
  const { sender, fetcher, fetches } = setup();
  sender.status.set(parentA.hostname, 'down');
  sender.status.set(parentB.hostname, 503);
  const response = await fetcher.fetch(request());
  t.is(response.body.toString(), origin.hostname);
  t.deepEqual(fetches, ['parent:error', 'parent:error', 'origin:ok']);
  t.is(sender.calls[2]?.tier, undefined, 'the origin is not told about tiers');
});

test('requests from a child tier go straight to the origin', async (t) => {
  const { sender, fetcher } = setup();
  await fetcher.fetch(request(true));
  t.deepEqual(sender.calls.map((c) => c.host), [origin.hostname]);
});

test('an origin failure is counted and thrown', async (t) => {
  const { sender, fetcher, fetches } = setup();
  sender.status.set(origin.hostname, 'down');
  await t.throwsAsync(fetcher.fetch(request(true)), { instanceOf: EdgeError });
  t.deepEqual(fetches, ['origin:error']);
});
