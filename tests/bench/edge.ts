/**
 * `npm run bench:edge`: requests/s, p99 and CPU per request, side by side on loopback, of
 *   (a) a bare fastify hello-world, (b) the edge serving a cache hit (b1: with a new connection
 *   per request, as probes do), (c) the edge refusing a blocked source, (d) Debian's nginx as a
 *   caching proxy in front of the same origin.
 * Every server is its own process (the edge and origin as the production esbuild bundles); the
 * load is wrk (bounded by -d), or a small bounded Node load loop when wrk is missing. Rounds are
 * interleaved and medians reported, because other work on the machine moves single runs.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleProgram } from '../../orchestrator/src/host/bundle.ts';
import { freePort as freePortOn, httpGet, waitForHttp } from './helpers/http.ts';
import { nodeLoad, wrkLoad } from './helpers/load.ts';
import { BenchProcesses, commandExists, cpuSeconds, cpuUsed, ensurePackages, pidOf, processTree } from './helpers/processes.ts';

const HOST = '127.0.0.1';
const ROUNDS = 5;
const DURATION_S = 4;
const CONNECTIONS = 32;
const OBJECT_PATH = '/obj/256?cc=max-age%3D3600';

interface Target {
  readonly key: 'a' | 'b' | 'b1' | 'c' | 'd';
  readonly label: string;
  readonly url: string;
  /** A new connection for every request, as the lab's probes do. */
  readonly closeEach?: boolean;
  /** Processes whose CPU time the request costs. */
  readonly pids: () => Promise<number[]>;
  /** How many requests the server handled, when the load tool cannot tell (refused connections). */
  readonly handled?: () => Promise<number>;
}

interface Run {
  readonly rps: number;
  readonly p99Ms: number | undefined;
  readonly cpuUsPerRequest: number;
}

const processes = new BenchProcesses();
const spawn = processes.spawn.bind(processes);
const freePort = () => freePortOn(HOST);

async function main(): Promise<void> {
  await ensurePackages([
    { command: 'wrk', pkg: 'wrk' },
    { command: 'nginx', pkg: 'nginx-light' },
  ]);
  const haveWrk = await commandExists('wrk');
  const haveNginx = await commandExists('nginx');
  const dir = await mkdtemp(join(tmpdir(), 'edge-bench-'));
  try {
    const ports = { origin: await freePort(), hello: await freePort(), nginx: await freePort() };
    const edgeB = { http: await freePort(), h2c: await freePort(), admin: await freePort() };
    const edgeC = { http: await freePort(), h2c: await freePort(), admin: await freePort() };
    await writeFile(join(dir, 'edge.mjs'), await bundleProgram('edge', false));
    await writeFile(join(dir, 'origin.mjs'), await bundleProgram('origin', false));

    const origin = spawn('node', [join(dir, 'origin.mjs')], { ORIGIN_ADDR: HOST, ORIGIN_PORT: String(ports.origin) });
    const hello = spawn('node', ['--input-type=module', '-e', helloWorld(ports.hello)], {});
    const originUrl = `http://${HOST}:${ports.origin}`;
    // (b) must not rate-limit the benchmark's single source; (c) keeps the defaults and a long block.
    const b = spawn('node', [join(dir, 'edge.mjs')], edgeEnv(edgeB, originUrl, { EDGE_SOURCE_RPS: '1000000000', EDGE_PREFIX_RPS: '1000000000' }));
    const c = spawn('node', [join(dir, 'edge.mjs')], edgeEnv(edgeC, originUrl, { EDGE_BLOCK_SECONDS: '600' }));
    const nginx = haveNginx ? spawn('nginx', await writeNginxConfig(dir, ports.nginx, originUrl), {}) : undefined;
    await waitForHttp(`http://${HOST}:${ports.hello}/`);
    await waitForHttp(`http://${HOST}:${edgeB.admin}/health`);
    await waitForHttp(`http://${HOST}:${edgeC.admin}/health`);
    if (nginx) await waitForHttp(`http://${HOST}:${ports.nginx}${OBJECT_PATH}`);

    const targets: Target[] = [
      { key: 'a', label: 'fastify hello-world', url: `http://${HOST}:${ports.hello}/`, pids: async () => [pidOf(hello)] },
      { key: 'b', label: 'edge, cache hit', url: `http://${HOST}:${edgeB.http}${OBJECT_PATH}`, pids: async () => [pidOf(b)] },
      {
        key: 'b1',
        label: 'edge, hit, new conn each',
        url: `http://${HOST}:${edgeB.http}${OBJECT_PATH}`,
        closeEach: true,
        pids: async () => [pidOf(b)],
      },
      {
        key: 'c',
        label: 'edge, blocked source',
        url: `http://${HOST}:${edgeC.http}${OBJECT_PATH}`,
        pids: async () => [pidOf(c)],
        handled: () => blockedCount(edgeC.admin),
      },
    ];
    if (nginx) {
      targets.push({
        key: 'd',
        label: 'nginx proxy_cache, hit',
        url: `http://${HOST}:${ports.nginx}${OBJECT_PATH}`,
        pids: () => processTree(pidOf(nginx)),
      });
    }

    // Fill both caches, then get this host blocked at (c) the way an attacker would: by flooding.
    for (const target of targets) if (target.key === 'b' || target.key === 'd') await httpGet(target.url);
    await load(haveWrk, `http://${HOST}:${edgeC.http}${OBJECT_PATH}`, 2, false);
    const mitigation = JSON.parse(await httpGet(`http://${HOST}:${edgeC.admin}/mitigation`)) as { blocked: { sources: { key: string }[] } };
    if (!mitigation.blocked.sources.some((s) => s.key === HOST)) throw new Error(`(c) did not block ${HOST} after a flood`);

    console.log(`edge benchmark: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`load: ${haveWrk ? `wrk -t1 -c${CONNECTIONS} -d${DURATION_S}s` : `Node load loop, ${CONNECTIONS} connections, ${DURATION_S} s`}, ${ROUNDS} interleaved rounds, medians`);
    if (!haveNginx) console.log('nginx is not installed: (d) skipped');
    const runs = new Map<Target['key'], Run[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of targets) runs.set(target.key, [...(runs.get(target.key) ?? []), await measure(haveWrk, target)]);
    }
    report(targets, runs);
  } finally {
    await processes.stopAll();
    await rm(dir, { recursive: true, force: true });
  }
}

async function measure(haveWrk: boolean, target: Target): Promise<Run> {
  const pids = await target.pids();
  const cpuBefore = await cpuSeconds(pids);
  const handledBefore = (await target.handled?.()) ?? 0;
  const result = await load(haveWrk, target.url, DURATION_S, target.closeEach ?? false);
  const cpu = cpuUsed(cpuBefore, await cpuSeconds(pids));
  const handled = target.handled ? (await target.handled()) - handledBefore : result.requests;
  return {
    rps: handled / DURATION_S,
    p99Ms: target.handled ? undefined : result.p99Ms,
    cpuUsPerRequest: handled > 0 ? (cpu * 1e6) / handled : NaN,
  };
}

function report(targets: readonly Target[], runs: ReadonlyMap<Target['key'], Run[]>): void {
  const summary = new Map(targets.map((t) => [t.key, medianRun(runs.get(t.key) ?? [])]));
  console.log('');
  console.log('     server                       req/s      p99     CPU/request');
  for (const t of targets) {
    const s = summary.get(t.key)!;
    console.log(
      `${`(${t.key})`.padEnd(4)} ${t.label.padEnd(24)} ${s.rps.toFixed(0).padStart(8)} ${(s.p99Ms === undefined ? 'n/a' : `${s.p99Ms.toFixed(2)} ms`).padStart(10)} ${`${s.cpuUsPerRequest.toFixed(1)} µs`.padStart(12)}`,
    );
  }
  const a = summary.get('a')!;
  const b = summary.get('b')!;
  const b1 = summary.get('b1')!;
  const c = summary.get('c')!;
  const d = summary.get('d');
  console.log('');
  console.log(`b/a   req/s ${(b.rps / a.rps).toFixed(2)}   CPU per request ${(b.cpuUsPerRequest / a.cpuUsPerRequest).toFixed(2)}   (goal: req/s >= 0.8)`);
  console.log(`c/b   CPU per request ${(c.cpuUsPerRequest / b.cpuUsPerRequest).toFixed(2)}   (goal < 0.2)`);
  console.log(`c/b1  CPU per connection ${(c.cpuUsPerRequest / b1.cpuUsPerRequest).toFixed(2)}   (a refused connection against a served one)`);
  if (d) console.log(`b/d   req/s ${(b.rps / d.rps).toFixed(2)}   CPU per request ${(b.cpuUsPerRequest / d.cpuUsPerRequest).toFixed(2)}`);
  console.log('(c) resets the connection before any HTTP parsing: no response, so no latency; its rate is refusals/s.');
}

function medianRun(runs: readonly Run[]): Run {
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? NaN;
  const p99s = runs.flatMap((r) => (r.p99Ms === undefined ? [] : [r.p99Ms]));
  return {
    rps: median(runs.map((r) => r.rps)),
    p99Ms: p99s.length > 0 ? median(p99s) : undefined,
    cpuUsPerRequest: median(runs.map((r) => r.cpuUsPerRequest)),
  };
}

/** Load for `seconds`; returns completed responses and their p99. */
function load(haveWrk: boolean, url: string, seconds: number, closeEach: boolean): Promise<{ requests: number; p99Ms: number | undefined }> {
  return haveWrk ? wrkLoad(url, seconds, CONNECTIONS, { closeEach }) : nodeLoad(url, seconds, CONNECTIONS, closeEach);
}

async function blockedCount(adminPort: number): Promise<number> {
  const text = await httpGet(`http://${HOST}:${adminPort}/metrics`);
  return Number(/^edge_mitigation_actions_total\{[^}]*action="blocked"[^}]*\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

function edgeEnv(ports: { http: number; h2c: number; admin: number }, originUrl: string, extra: Record<string, string>): Record<string, string> {
  return {
    LAB_NODE: 'bench-edge',
    LAB_MGMT_ADDR: HOST,
    EDGE_POP: 'bench',
    EDGE_SERVER: 'edge-1',
    EDGE_SERVICE_ADDR: HOST,
    EDGE_LAN_ADDR: HOST,
    EDGE_SERVER_ASN: '64512',
    EDGE_ORIGIN_URL: originUrl,
    EDGE_HTTP_PORT: String(ports.http),
    EDGE_H2C_PORT: String(ports.h2c),
    EDGE_ADMIN_PORT: String(ports.admin),
    EDGE_FRR_DRIVER: 'memory',
    EDGE_DRAIN_QUIET_MS: '0',
    ...extra,
  };
}

function helloWorld(port: number): string {
  return `import { fastify } from 'fastify';
const app = fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '${HOST}', port: ${port} });`;
}

/** nginx from Debian, one worker (like one Node process), caching in front of the same origin; returns its arguments. */
async function writeNginxConfig(dir: string, port: number, originUrl: string): Promise<string[]> {
  const root = join(dir, 'nginx');
  await mkdir(join(root, 'cache'), { recursive: true });
  const conf = join(root, 'nginx.conf');
  await writeFile(
    conf,
    `worker_processes 1;
daemon off;
user root;
pid ${root}/nginx.pid;
error_log ${root}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${root}/body;
  proxy_temp_path ${root}/proxy;
  fastcgi_temp_path ${root}/fastcgi;
  uwsgi_temp_path ${root}/uwsgi;
  scgi_temp_path ${root}/scgi;
  proxy_cache_path ${root}/cache levels=1:2 keys_zone=edge:10m max_size=256m;
  upstream origin { server ${new URL(originUrl).host}; keepalive 32; }
  server {
    listen ${HOST}:${port};
    location / {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache edge;
      proxy_cache_lock on;
      add_header x-cache $upstream_cache_status;
    }
  }
}
`,
  );
  return ['-c', conf, '-p', root];
}

await main();
