/**
 * `npm run bench:attack`, side by side in one run, inside a network namespace it makes (so the
 * host's firewall is never touched) and removes:
 *   (1) the bot agent's delivered request rate against wrk on the same target (an edge cache hit,
 *       limits off), same number of keep-alive connections;
 *   (2) the edge's CPU per blocked request with the kernel filter (EDGE-BLOCK in the namespace)
 *       against its CPU per served hit, and its time to mitigate the flood.
 * Goals are printed against, not asserted: blocked/served CPU <= 0.2, agent >= 0.5x wrk, time to
 * mitigate <= 3 s. Every load is bounded in time (and the agent's attacks stop by themselves).
 *
 * The script runs twice: on the host it makes the namespace, runs itself inside it (BENCH_NETNS
 * set) and always removes it; inside, it starts the processes on 127.0.0.1 and measures.
 */
import { execa } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentAt, type AgentClient } from '../../contracts/agent-client.ts';
import { AGENT_PATHS, type AttackView } from '../../contracts/agent-api.ts';
import { AGENT_ENV, EDGE_ENV, LAB_ENV, ORIGIN_ENV } from '../../contracts/env.ts';
import type { MitigationSnapshot } from '../../contracts/edge-admin.ts';
import { bundleProgram } from '../../orchestrator/src/host/bundle.ts';
import { PROJECT_ROOT } from '../../orchestrator/src/project-root.ts';
import { timeToMitigateMs, type MitigationSecond } from '../../orchestrator/src/measure/mitigation.ts';
import { freePort, httpGet, httpJson, waitForHttp } from './helpers/http.ts';
import { wrkLoad } from './helpers/load.ts';
import { BenchProcesses, commandExists, cpuSeconds, cpuUsed, ensurePackages, pidOf } from './helpers/processes.ts';

const HOST = '127.0.0.1';
const NETNS_ENV = 'BENCH_NETNS';
const OBJECT_PATH = '/obj/256?cc=max-age%3D3600';
const ROUNDS = 3;
const DURATION_S = 4;
const CONNECTIONS = 32;
/** The agent's rate for (1): its ceiling, so that what it delivers is what it can. */
const AGENT_RPS = 20_000;
/** The flood for (2): 8 sources at 375/s each (over the edge's 200/s per source), keep-alive connections. */
const FLOOD = { rps: 3000, sources: 8, connections: 16, maxMs: 40_000 } as const;
const GOALS = { cpuRatio: 0.2, agentOverWrk: 0.5, mitigateMs: 3000 } as const;

async function onHost(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('bench:attack makes a network namespace: run it as root');
  await ensurePackages([{ command: 'wrk', pkg: 'wrk' }]);
  const netns = `anycast-bench-${process.pid}`;
  await execa('ip', ['netns', 'add', netns]);
  try {
    await execa('ip', ['-n', netns, 'link', 'set', 'lo', 'up']);
    const self = fileURLToPath(import.meta.url);
    await execa('ip', ['netns', 'exec', netns, process.execPath, '--import=tsx', self], {
      cwd: PROJECT_ROOT,
      env: { [NETNS_ENV]: netns },
      stdio: 'inherit',
      reject: false,
      timeout: 10 * 60_000,
    });
  } finally {
    // Whatever is left inside (a crash of the inner run) goes with the namespace.
    const { stdout } = await execa('ip', ['netns', 'pids', netns], { reject: false });
    for (const pid of stdout.split('\n').filter(Boolean)) process.kill(Number(pid), 'SIGKILL');
    await execa('ip', ['netns', 'del', netns], { reject: false });
  }
}

interface Edge {
  readonly http: number;
  readonly admin: number;
  readonly pid: number;
}

async function inNamespace(): Promise<void> {
  const processes = new BenchProcesses();
  const dir = await mkdtemp(join(tmpdir(), 'attack-bench-'));
  try {
    for (const program of ['edge', 'origin', 'client'] as const) await writeFile(join(dir, `${program}.mjs`), await bundleProgram(program, false));
    const originPort = await freePort(HOST);
    processes.spawn('node', [join(dir, 'origin.mjs')], { [ORIGIN_ENV.addr]: HOST, [ORIGIN_ENV.port]: String(originPort) });
    const originUrl = `http://${HOST}:${originPort}`;
    const startEdge = async (name: string, extra: Record<string, string>): Promise<Edge> => {
      const ports = { http: await freePort(HOST), h2c: await freePort(HOST), admin: await freePort(HOST) };
      const child = processes.spawn('node', [join(dir, 'edge.mjs')], edgeEnv(name, ports, originUrl, extra));
      await waitForHttp(`http://${HOST}:${ports.admin}/health`);
      return { http: ports.http, admin: ports.admin, pid: pidOf(child) };
    };
    // (served) must not rate-limit the benchmark's sources; (kernel) keeps the defaults, the kernel filter and long blocks.
    const served = await startEdge('served', { [EDGE_ENV.sourceRps]: '1000000000', [EDGE_ENV.prefixRps]: '1000000000' });
    const kernel = await startEdge('kernel', { [EDGE_ENV.kernelFilter]: 'iptables', [EDGE_ENV.blockSeconds]: '600' });
    const agentFor = async (name: string, edge: Edge, sources: string[]): Promise<AgentClient> => {
      const port = await freePort(HOST);
      processes.spawn('node', [join(dir, 'client.mjs')], {
        [LAB_ENV.role]: 'bot',
        [LAB_ENV.node]: name,
        [LAB_ENV.mgmtAddr]: HOST,
        [LAB_ENV.serviceAddr]: HOST,
        [LAB_ENV.servicePort]: String(edge.http),
        [AGENT_ENV.port]: String(port),
        [AGENT_ENV.clientNetwork]: 'bench',
        [AGENT_ENV.botSources]: sources.join(','),
      });
      await waitForHttp(`http://${HOST}:${port}${AGENT_PATHS.health}`);
      return agentAt(HOST, port, { timeoutMs: 10_000 });
    };
    const sources = (third: number) => Array.from({ length: FLOOD.sources }, (_, i) => `127.0.${third}.${i + 1}`);
    const rateAgent = await agentFor('bench-rate', served, sources(2));
    const floodAgent = await agentFor('bench-flood', kernel, sources(1));
    await httpGet(`http://${HOST}:${served.http}${OBJECT_PATH}`);

    console.log(`attack benchmark in network namespace ${process.env[NETNS_ENV]}: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const rates = await compareRates(rateAgent, served);
    const flood = await measureFlood(floodAgent, kernel);
    const hit = await cpuPerServedHit(served);
    report(rates, flood, hit);
  } finally {
    await processes.stopAll();
    await rm(dir, { recursive: true, force: true });
  }
}

interface Rates {
  readonly wrk: number[];
  readonly agent: number[];
}

/** (1) wrk and the agent in turns, ROUNDS each, on the same hit with the same connections. */
async function compareRates(agent: AgentClient, edge: Edge): Promise<Rates> {
  const rates: Rates = { wrk: [], agent: [] };
  const url = `http://${HOST}:${edge.http}${OBJECT_PATH}`;
  // A short warm-up of each (JIT, connection pools), not counted.
  await wrkLoad(url, 1, CONNECTIONS);
  await waitForAttack(agent, (await agent.startAttack({ kind: 'http-flood', rps: AGENT_RPS, durationMs: 1000, path: OBJECT_PATH, connections: CONNECTIONS })).id, 16_000);
  for (let round = 0; round < ROUNDS; round++) {
    rates.wrk.push((await wrkLoad(url, DURATION_S, CONNECTIONS)).requests / DURATION_S);
    const { id } = await agent.startAttack({ kind: 'http-flood', rps: AGENT_RPS, durationMs: DURATION_S * 1000, path: OBJECT_PATH, connections: CONNECTIONS });
    const done = await waitForAttack(agent, id, DURATION_S * 1000 + 15_000);
    rates.agent.push(done.ok / DURATION_S);
  }
  return rates;
}

interface Flood {
  readonly timeToMitigateMs: number | null;
  /** From the first second in which the flood reached the edge (the agent may ramp up late on a loaded machine). */
  readonly fromArrivalMs: number | null;
  readonly cpuUsPerBlocked: number;
  readonly blocked: number;
  readonly droppedPackets: number;
  readonly cpuUsPerDroppedPacket: number;
  readonly windowS: number;
  readonly final: MitigationSnapshot;
  readonly seconds: readonly MitigationSecond[];
}

/** (2) a flood at the kernel-filter edge: when it is mitigated, then its CPU over a window once the kernel drops it. */
async function measureFlood(agent: AgentClient, edge: Edge): Promise<Flood> {
  const mitigation = () => httpJson<MitigationSnapshot>(`http://${HOST}:${edge.admin}/mitigation`);
  const startedMs = Date.now();
  const { id } = await agent.startAttack({ kind: 'http-flood', rps: FLOOD.rps, durationMs: FLOOD.maxMs, path: OBJECT_PATH, connections: FLOOD.connections });
  try {
    // One snapshot a second: the seconds time to mitigate is read from.
    const seconds: MitigationSecond[] = [];
    let previous = await mitigation();
    let mitigatedMs: number | null = null;
    for (let s = 0; s < 20 && mitigatedMs === null; s++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = await mitigation();
      seconds.push(secondBetween(previous, now, Date.now() - 1000));
      previous = now;
      mitigatedMs = timeToMitigateMs(seconds, startedMs);
    }
    // The kernel counters are read once per detection window: let a window pass before the measurement.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = { snapshot: await mitigation(), attack: await agent.readAttack(id), cpu: await cpuSeconds([edge.pid]) };
    const windowStart = performance.now();
    await new Promise((resolve) => setTimeout(resolve, DURATION_S * 1000));
    const cpu = cpuUsed(before.cpu, await cpuSeconds([edge.pid]));
    const windowS = (performance.now() - windowStart) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const after = { snapshot: await mitigation(), attack: await agent.readAttack(id) };
    const served = after.snapshot.requests.served - before.snapshot.requests.served;
    const blocked = after.attack.sent - before.attack.sent - served;
    const droppedPackets = after.snapshot.kernel.dropped.packets - before.snapshot.kernel.dropped.packets;
    const arrival = seconds.find((x) => x.received + x.dropped > 0);
    return {
      timeToMitigateMs: mitigatedMs,
      fromArrivalMs: arrival && mitigatedMs !== null ? timeToMitigateMs(seconds, arrival.atMs) : null,
      cpuUsPerBlocked: blocked > 0 ? (cpu * 1e6) / blocked : NaN,
      blocked,
      droppedPackets,
      cpuUsPerDroppedPacket: droppedPackets > 0 ? (cpu * 1e6) / droppedPackets : NaN,
      windowS,
      final: after.snapshot,
      seconds: seconds.map((x) => ({ ...x, atMs: x.atMs - startedMs })),
    };
  } finally {
    await agent.stopAttack(id).catch(() => undefined);
  }
}

/** What reached the edge between two snapshots: served and refused in user space, dropped by the kernel. */
function secondBetween(a: MitigationSnapshot, b: MitigationSnapshot, atMs: number): MitigationSecond {
  const refused = (m: MitigationSnapshot) => m.requests.blocked + m.requests.limited + m.requests.connectionsBlocked + m.requests.connectionsLimited;
  const blocked = refused(b) - refused(a);
  return {
    atMs,
    received: b.requests.served - a.requests.served + blocked,
    blocked,
    dropped: b.kernel.dropped.packets - a.kernel.dropped.packets,
  };
}

/** The edge's CPU per served hit under wrk, ROUNDS times; the median. */
async function cpuPerServedHit(edge: Edge): Promise<number> {
  const url = `http://${HOST}:${edge.http}${OBJECT_PATH}`;
  const perHit: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const before = await cpuSeconds([edge.pid]);
    const { requests } = await wrkLoad(url, DURATION_S, CONNECTIONS);
    perHit.push((cpuUsed(before, await cpuSeconds([edge.pid])) * 1e6) / requests);
  }
  return median(perHit);
}

async function waitForAttack(agent: AgentClient, id: string, timeoutMs: number): Promise<AttackView> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const view = await agent.readAttack(id);
    if (view.done) return view;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`attack ${id} did not end within ${timeoutMs} ms`);
}

function median(values: readonly number[]): number {
  return [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? NaN;
}

function verdict(ok: boolean): string {
  return ok ? 'meets the goal' : 'misses the goal';
}

function report(rates: Rates, flood: Flood, cpuUsPerHit: number): void {
  const wrk = median(rates.wrk);
  const agent = median(rates.agent);
  const agentRatio = agent / wrk;
  const cpuRatio = flood.cpuUsPerBlocked / cpuUsPerHit;
  console.log('');
  console.log(`(1) delivered req/s on an edge hit, ${CONNECTIONS} keep-alive connections, ${DURATION_S} s, ${ROUNDS} rounds (median):`);
  console.log(`    wrk -t1 -c${CONNECTIONS}      ${wrk.toFixed(0).padStart(8)}   rounds ${rates.wrk.map((r) => r.toFixed(0)).join(' ')}`);
  console.log(`    bot agent (http-flood) ${agent.toFixed(0).padStart(8)}   rounds ${rates.agent.map((r) => r.toFixed(0)).join(' ')}`);
  console.log(`    agent/wrk ${agentRatio.toFixed(2)}   (goal >= ${GOALS.agentOverWrk}: ${verdict(agentRatio >= GOALS.agentOverWrk)})`);
  console.log('');
  console.log(`(2) flood of ${FLOOD.rps}/s from ${FLOOD.sources} sources (${FLOOD.connections} keep-alive connections each) at the edge with the kernel filter:`);
  console.log(
    `    time to mitigate ${flood.timeToMitigateMs === null ? 'not reached' : `${flood.timeToMitigateMs} ms`} from the attack's start, ${flood.fromArrivalMs === null ? '-' : `${flood.fromArrivalMs} ms`} from its first second at the edge   (goal <= ${GOALS.mitigateMs} ms: ${verdict(flood.fromArrivalMs !== null && flood.fromArrivalMs <= GOALS.mitigateMs)}, from arrival)`,
  );
  console.log(`    per second from the start (ms: received in user space / refused there / dropped by the kernel): ${flood.seconds.map((x) => `${x.atMs}: ${x.received}/${x.blocked}/${x.dropped}`).join(', ')}`);
  console.log(
    `    over ${flood.windowS.toFixed(1)} s once dropped: ${flood.blocked} requests blocked, ${flood.droppedPackets} packets dropped by EDGE-BLOCK (kernel filter ${flood.final.kernel.state}, ${flood.final.kernel.ruleCount} rules)`,
  );
  console.log(`    edge CPU per blocked request ${flood.cpuUsPerBlocked.toFixed(2)} µs (per dropped packet ${flood.cpuUsPerDroppedPacket.toFixed(2)} µs)`);
  console.log(`    edge CPU per served hit      ${cpuUsPerHit.toFixed(2)} µs`);
  console.log(`    blocked/served CPU ${cpuRatio.toFixed(3)}   (goal <= ${GOALS.cpuRatio}: ${verdict(cpuRatio <= GOALS.cpuRatio)})`);
  console.log('A dropped SYN costs the edge process nothing; what it spends in the window is its own timers (health, detection, the counter reading).');
}

function edgeEnv(name: string, ports: { http: number; h2c: number; admin: number }, originUrl: string, extra: Record<string, string>): Record<string, string> {
  return {
    [LAB_ENV.node]: `bench-${name}`,
    [LAB_ENV.mgmtAddr]: HOST,
    [EDGE_ENV.pop]: 'bench',
    [EDGE_ENV.server]: name,
    [EDGE_ENV.serviceAddr]: HOST,
    [EDGE_ENV.lanAddr]: HOST,
    [EDGE_ENV.serverAsn]: '64512',
    [EDGE_ENV.originUrl]: originUrl,
    [EDGE_ENV.httpPort]: String(ports.http),
    [EDGE_ENV.h2cPort]: String(ports.h2c),
    [EDGE_ENV.adminPort]: String(ports.admin),
    [EDGE_ENV.frrDriver]: 'memory',
    [EDGE_ENV.drainQuietMs]: '0',
    ...extra,
  };
}

if (process.env[NETNS_ENV]) await inNamespace();
else if (!(await commandExists('ip'))) throw new Error('bench:attack needs ip (iproute2) for its network namespace');
else await onHost();
