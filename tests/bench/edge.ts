/**
 * `npm run bench:edge`: requests/s, p99 and CPU per request, side by side on loopback, of
 *   (a) a bare fastify hello-world, (b) the edge serving a cache hit (b1: with a new connection
 *   per request, as probes do), (c) the edge refusing a blocked source, (d) Debian's nginx as a
 *   caching proxy in front of the same origin.
 * Every server is its own process (the edge and origin as the production esbuild bundles); the
 * load is wrk (bounded by -d), or a small bounded Node load loop when wrk is missing. Rounds are
 * interleaved and medians reported, because other work on the machine moves single runs.
 */
import { execa, type ResultPromise } from 'execa';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleProgram, PROJECT_ROOT } from '../../orchestrator/src/host/bundle.ts';

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

const children: ResultPromise[] = [];

async function main(): Promise<void> {
  await ensureTools();
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
    for (const child of children) child.kill('SIGTERM');
    await Promise.allSettled(children);
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
async function load(
  haveWrk: boolean,
  url: string,
  seconds: number,
  closeEach: boolean,
): Promise<{ requests: number; p99Ms: number | undefined }> {
  if (!haveWrk) return nodeLoad(url, seconds, closeEach);
  const close = closeEach ? ['-H', 'Connection: close'] : [];
  const { stdout } = await execa('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', ...close, url], { reject: false });
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s)$/m.exec(stdout);
  const scale = { us: 0.001, ms: 1, s: 1000 } as const;
  return { requests, p99Ms: p99 ? Number(p99[1]) * scale[p99[2] as keyof typeof scale] : undefined };
}

/** The fallback when wrk is missing: CONNECTIONS request loops for `seconds`, in this process. */
async function nodeLoad(url: string, seconds: number, closeEach: boolean): Promise<{ requests: number; p99Ms: number | undefined }> {
  const agent = new Agent({ keepAlive: !closeEach, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const ok = await httpGet(url, agent).then(() => true, () => false);
        if (ok) latencies.push(performance.now() - started);
      }
    }),
  );
  agent.destroy();
  latencies.sort((x, y) => x - y);
  return { requests: latencies.length, p99Ms: latencies[Math.floor(latencies.length * 0.99)] };
}

function httpGet(url: string, agent?: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: agent ?? false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
      res.on('error', reject);
    });
    req.setTimeout(5000, () => req.destroy(new Error(`${url}: no answer in 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await httpGet(url).then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within 10 s`);
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

function spawn(command: string, args: readonly string[], env: Record<string, string>): ResultPromise {
  const child = execa(command, args, { cwd: PROJECT_ROOT, env, reject: false, stdout: 'ignore', stderr: 'inherit' });
  children.push(child);
  return child;
}

function pidOf(child: ResultPromise): number {
  if (child.pid === undefined) throw new Error('a benchmark process did not start');
  return child.pid;
}

/** A process and its children (nginx's workers). */
async function processTree(root: number): Promise<number[]> {
  const pids = [root];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === root) pids.push(Number(entry));
  }
  return pids;
}

/** User plus system CPU seconds each process has used so far (from /proc, in clock ticks). */
async function cpuSeconds(pids: readonly number[]): Promise<Map<number, number>> {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    // nginx's cache loader exits a minute after start: a process that is gone is left out.
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (stat === '') continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
  }
  return seconds;
}

function cpuUsed(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let used = 0;
  for (const [pid, end] of after) used += end - (before.get(pid) ?? end);
  return used;
}

const CLOCK_TICKS = Number((await execa('getconf', ['CLK_TCK'])).stdout) || 100;

async function commandExists(command: string): Promise<boolean> {
  return (await execa('sh', ['-c', `command -v ${command}`], { reject: false })).exitCode === 0;
}

async function ensureTools(): Promise<void> {
  const missing = [];
  if (!(await commandExists('wrk'))) missing.push('wrk');
  if (!(await commandExists('nginx'))) missing.push('nginx-light');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.log(`missing ${missing.join(', ')} and not root: install them with apt-get for the full comparison`);
    return;
  }
  await execa('apt-get', ['install', '-y', ...missing], { stdout: 'ignore', reject: false });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

await main();
