import { agentAt } from '../../../../contracts/agent-client.ts';
import { EDGE_ADMIN_PATHS, edgeAdminUrl, type MitigationSnapshot } from '../../../../contracts/edge-admin.ts';
import { ORIGIN_PATHS, type OriginStats } from '../../../../contracts/origin-api.ts';
import { httpBase, PORTS } from '../../../../contracts/ports.ts';
import { ATTACK_TAIL_MS, type AttackReadings, type BotReading, type EdgeDropReading, type OriginReading } from '../../measure/attack-impact.ts';
import type { AddressPlan, PlannedNode } from '../../plan/types.ts';
import { sleep } from '../../wait/wait-for.ts';
import type { AgentsAt } from './attack-control.ts';
import type { RunAttacks } from './run-attacks.ts';

/** One reading a second: time to mitigate is counted in whole seconds. */
const SAMPLE_MS = 1000;
/** A reading that takes longer is skipped: the next one comes a second later anyway. */
const READ_TIMEOUT_MS = 2000;
/** A bot busy flooding answers its API late: it is given longer. */
const BOT_READ_TIMEOUT_MS = 5000;

/**
 * Reads, once a second while a run lasts, what the attack measurements are made of: the origin's
 * request count, every edge's kernel-filter drops (GET /mitigation), and the counters of every
 * bot's job of each attack the run started (until a little after it ended). A reading that fails
 * is left out; the measurements work from whatever was read.
 */
export class AttackSampler {
  readonly #plan: AddressPlan;
  readonly #attacks: RunAttacks;
  readonly #agents: AgentsAt;
  readonly #bots: BotReading[] = [];
  readonly #edges: EdgeDropReading[] = [];
  readonly #origin: OriginReading[] = [];
  readonly #stop = new AbortController();
  #loop: Promise<void> | undefined;

  constructor(plan: AddressPlan, attacks: RunAttacks, agents: AgentsAt = (address) => agentAt(address, undefined, { timeoutMs: BOT_READ_TIMEOUT_MS })) {
    this.#plan = plan;
    this.#attacks = attacks;
    this.#agents = agents;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Takes one last reading (of every attack's bots, however long ago it ended: their totals), then stops; later calls do nothing. */
  async stop(): Promise<void> {
    if (this.#loop === undefined || this.#stop.signal.aborted) return;
    this.#stop.abort();
    await this.#loop;
    await this.#readAll(true);
  }

  readings(): AttackReadings {
    return { bots: [...this.#bots], edges: [...this.#edges], origin: [...this.#origin] };
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      const next = Date.now() + SAMPLE_MS;
      await this.#readAll();
      await sleep(next - Date.now(), signal).catch(() => undefined);
    }
  }

  async #readAll(everyAttack = false): Promise<void> {
    const edges = this.#plan.nodes.filter((n) => n.role === 'edge');
    const origin = this.#plan.nodes.find((n) => n.role === 'origin');
    await Promise.allSettled([...edges.map((e) => this.#readEdge(e)), ...(origin ? [this.#readOrigin(origin)] : []), this.#readBots(everyAttack)]);
  }

  async #readEdge(edge: PlannedNode): Promise<void> {
    const snapshot = await getJson<MitigationSnapshot>(edgeAdminUrl(edge.mgmtAddress, EDGE_ADMIN_PATHS.mitigation));
    const dropped = snapshot.kernel?.dropped?.packets;
    if (typeof dropped !== 'number' || snapshot.kernel.state === 'off') return;
    // The edge reads its chain's counters once per mitigation window: date them when they were counted.
    const atMs = Date.now() - (snapshot.kernel.countersAgeMs ?? 0);
    this.#edges.push({ atMs, pop: edge.group!, server: edge.server!, droppedPackets: dropped });
  }

  async #readOrigin(origin: PlannedNode): Promise<void> {
    const stats = await getJson<OriginStats>(`${httpBase(origin.mgmtAddress, PORTS.http)}${ORIGIN_PATHS.stats}`);
    this.#origin.push({ atMs: Date.now(), total: stats.total });
  }

  async #readBots(everyAttack: boolean): Promise<void> {
    const now = Date.now();
    const events = new Map(this.#attacks.events().map((e) => [e.id, e]));
    const current = this.#attacks.entries().filter(({ id }) => everyAttack || (events.get(id)?.endedAtMs ?? now) + ATTACK_TAIL_MS >= now);
    await Promise.allSettled(
      current.flatMap(({ id, record }) =>
        record.jobs.map(async (job) => {
          const counters = await this.#agents(job.mgmtAddress).readAttack(job.job);
          this.#bots.push({ atMs: Date.now(), attack: id, node: job.node, counters });
        }),
      ),
    );
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
}
