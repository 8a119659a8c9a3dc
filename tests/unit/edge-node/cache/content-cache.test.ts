import test from 'ava';
import { ContentCache, entryCost, type ContentCacheSettings } from '../../../../edge-node/src/cache/content-cache.ts';
import { EdgeError } from '../../../../edge-node/src/errors.ts';
import type { UpstreamFetcher, UpstreamRequest, UpstreamResponse } from '../../../../edge-node/src/upstream/upstream.ts';
import { FakeClock } from '../helpers/fake-clock.ts';

const settings: ContentCacheSettings = { maxBytes: 10_000, maxObjectBytes: 4000, staleIfErrorMs: 60_000 };

/** An upstream that answers from a script and counts fetches per URL. */
class ScriptedUpstream implements UpstreamFetcher {
  readonly fetches: string[] = [];
  answer: (request: UpstreamRequest) => UpstreamResponse | Error = () => ok('max-age=60');
  gate: Promise<void> = Promise.resolve();

  async fetch(request: UpstreamRequest): Promise<UpstreamResponse> {
    this.fetches.push(request.url);
    await this.gate;
    const answer = this.answer(request);
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

function ok(cacheControl: string | undefined, bytes = 100, extra: Record<string, string> = {}): UpstreamResponse {
  return {
    status: 200,
    headers: { ...(cacheControl === undefined ? {} : { 'cache-control': cacheControl }), ...extra },
    body: Buffer.alloc(bytes, 'x'),
  };
}

function request(url: string): UpstreamRequest {
  return { method: 'GET', url, host: 'h', headers: {}, body: undefined, fromChildTier: false };
}

function setup() {
  const clock = new FakeClock();
  const upstream = new ScriptedUpstream();
  const evictions: number[] = [];
  const cache = new ContentCache(settings, upstream, clock.now, { onEvict: (n) => evictions.push(n), onSizeChange: () => {} });
  const get = async (url: string) => cache.lookup(url) ?? (await cache.fill(url, request(url)));
  return { clock, upstream, cache, get, evictions };
}

test('a miss is fetched and stored; the next request is a hit with its age', async (t) => {
  const { clock, upstream, get } = setup();
  t.is((await get('/a')).cache, 'MISS');
  clock.advance(5_500);
  const hit = await get('/a');
  t.is(hit.cache, 'HIT');
  t.is(hit.ageS, 5);
  t.deepEqual(upstream.fetches, ['/a']);
});

test('an entry expires after its max-age', async (t) => {
  const { clock, upstream, get } = setup();
  await get('/a');
  clock.advance(59_999);
  t.is((await get('/a')).cache, 'HIT');
  clock.advance(1);
  t.is((await get('/a')).cache, 'MISS');
  t.is(upstream.fetches.length, 2);
});

test('no-store and private responses are fetched every time', async (t) => {
  const { upstream, get } = setup();
  upstream.answer = (r) => ok(r.url === '/ns' ? 'no-store' : 'private, max-age=60');
  for (const url of ['/ns', '/ns', '/p', '/p']) t.is((await get(url)).cache, 'BYPASS');
  t.is(upstream.fetches.length, 4);
});

test('objects over the object limit pass through unstored', async (t) => {
  const { upstream, get } = setup();
  upstream.answer = () => ok('max-age=60', 5000);
  t.is((await get('/big')).cache, 'BYPASS');
  t.is((await get('/big')).cache, 'BYPASS');
  t.is(upstream.fetches.length, 2);
});

test('concurrent misses of one key make one upstream fetch', async (t) => {
  const { upstream, cache } = setup();
  let open!: () => void;
  upstream.gate = new Promise((resolve) => (open = resolve));
  const all = Array.from({ length: 20 }, () => cache.fill('/c', request('/c')));
  open();
  const served = await Promise.all(all);
  t.deepEqual(upstream.fetches, ['/c']);
  t.true(served.every((s) => s.cache === 'MISS' && s.response.body.length === 100));
});

test('concurrent waiters for a private response fetch their own', async (t) => {
  const { upstream, cache } = setup();
  upstream.answer = () => ok('private, max-age=60');
  let open!: () => void;
  upstream.gate = new Promise((resolve) => (open = resolve));
  const all = Array.from({ length: 3 }, () => cache.fill('/me', request('/me')));
  open();
  await Promise.all(all);
  t.is(upstream.fetches.length, 3);
});

test('the size bound evicts least recently used entries', async (t) => {
  const { upstream, get, cache, evictions } = setup();
  upstream.answer = () => ok('max-age=60', 2500);
  for (const url of ['/1', '/2', '/3']) await get(url);
  await get('/1');
  await get('/4');
  t.deepEqual(evictions, [1]);
  t.is(cache.objects, 3);
  t.is((await get('/2')).cache, 'MISS', '/2 was the least recently used');
  t.is((await get('/1')).cache, 'HIT');
});

test('an expired entry is served stale when the upstream fails, within the stale limit', async (t) => {
  const { clock, upstream, get } = setup();
  await get('/s');
  clock.advance(61_000);
  upstream.answer = () => new EdgeError('UPSTREAM_FAILED', 'connect ECONNREFUSED');
  t.is((await get('/s')).cache, 'STALE');
  upstream.answer = () => ({ status: 503, headers: {}, body: Buffer.alloc(0) });
  t.is((await get('/s')).cache, 'STALE', 'a 5xx counts as a failure too');
  clock.advance(60_000);
  upstream.answer = () => new EdgeError('UPSTREAM_FAILED', 'connect ECONNREFUSED');
  await t.throwsAsync(get('/s'), { message: /ECONNREFUSED/ }, 'until staleIfErrorMs has passed');
});

test('without anything stale, an upstream error reaches the caller', async (t) => {
  const { upstream, get } = setup();
  upstream.answer = () => new EdgeError('UPSTREAM_FAILED', 'timeout');
  await t.throwsAsync(get('/x'), { instanceOf: EdgeError, message: 'timeout' });
});

test('bypass never stores', async (t) => {
  const { upstream, cache } = setup();
  t.is((await cache.bypass(request('/b'))).cache, 'BYPASS');
  t.is(cache.lookup('/b'), undefined);
  t.is(upstream.fetches.length, 1);
});

test('an entry costs its key (twice: UTF-16), its headers (likewise), its body and a fixed overhead', (t) => {
  const bare = entryCost('', { status: 200, headers: {}, body: Buffer.alloc(0) });
  t.is(entryCost('/abc', { status: 200, headers: { ab: 'cde', x: ['1', '2'] }, body: Buffer.alloc(10) }), bare + 8 + 10 + 10 + 6);
});

test('the size bound counts the key: long URLs with tiny bodies cannot outgrow it', async (t) => {
  const sizes: number[] = [];
  const upstream = new ScriptedUpstream();
  upstream.answer = () => ok('max-age=60', 10);
  const cache = new ContentCache(settings, upstream, new FakeClock().now, { onEvict: () => {}, onSizeChange: (bytes) => sizes.push(bytes) });
  const pad = 'x'.repeat(2000);
  for (let i = 0; i < 200; i++) {
    const url = `/obj/10?k=${i}&pad=${pad}`;
    t.is((await cache.fill(url, request(url))).cache, 'MISS');
  }
  t.is(sizes.length, 200);
  t.true(Math.max(...sizes) <= settings.maxBytes, `reported at most ${Math.max(...sizes)} bytes`);
  // Each entry costs over 4000 bytes (a 2000-character key, twice): at most two fit in 10,000.
  t.true(cache.objects >= 1 && cache.objects <= 2, `${cache.objects} objects kept`);
  t.true(cache.lookup(`/obj/10?k=199&pad=${pad}`) !== undefined, 'the newest entry is kept');
});
