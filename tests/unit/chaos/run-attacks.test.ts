import test, { type ExecutionContext } from 'ava';
import type { AttackRequest, AttackView } from '../../../contracts/agent-api.ts';
import { AgentCallError, type AgentClient } from '../../../contracts/agent-client.ts';
import { readAttack } from '../../../orchestrator/src/chaos/attacks/attack-control.ts';
import { AttackStore } from '../../../orchestrator/src/chaos/attacks/attack-store.ts';
import { RunAttacks } from '../../../orchestrator/src/chaos/attacks/run-attacks.ts';
import { AnycastLabError } from '../../../orchestrator/src/errors.ts';
import { planAddresses } from '../../../orchestrator/src/plan/addressing.ts';
import type { AddressPlan } from '../../../orchestrator/src/plan/types.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';
import type { AttackStep } from '../../../orchestrator/src/scenario/types.ts';
import { shippedTopology } from '../../helpers/topologies.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** Bot agents in memory: each job runs until its duration is up or it is stopped. */
class FakeBots {
  readonly started: Array<{ address: string; job: string; request: AttackRequest }> = [];
  readonly stopped: string[] = [];
  /** Addresses whose agent refuses to start, or does not answer at all. */
  readonly refusing = new Set<string>();
  readonly silent = new Set<string>();
  #next = 0;

  agent = (address: string): AgentClient => {
    const unanswered = (): never => {
      throw new AgentCallError('unreachable', `${address}: no answer`);
    };
    const view = (job: string): AttackView => ({
      id: job,
      node: address,
      kind: 'http-flood',
      done: this.stopped.includes(job),
      sent: 10, ok: 5, blocked: 5, errors: 0, timeouts: 0, skipped: 0, inFlight: 0,
      byPop: { west: { received: 10, blocked: 5 } },
    });
    return {
      url: `http://${address}:9100`,
      startAttack: async (request) => {
        if (this.silent.has(address)) unanswered();
        if (this.refusing.has(address)) throw new AgentCallError('refused', `${address}: 429 too many jobs`, 429);
        const job = `job-${++this.#next}`;
        this.started.push({ address, job, request });
        return { id: job };
      },
      stopAttack: async (job) => {
        if (this.silent.has(address)) unanswered();
        this.stopped.push(job);
        return { id: job, done: true };
      },
      readAttack: async (job) => (this.silent.has(address) ? unanswered() : view(job)),
      health: unanswered,
      once: unanswered,
      startProbe: unanswered,
      readProbe: unanswered,
      stopProbe: unanswered,
      send: unanswered,
    };
  };
}

async function setup(t: ExecutionContext): Promise<{ plan: AddressPlan; store: AttackStore; bots: FakeBots; steps: AttackStep[] }> {
  const plan = planAddresses(await shippedTopology('mini'));
  const store = new AttackStore(plan.lab, tempDir(t, 'run-attacks'));
  const scenario = parseScenario(
    `name: t
lab: ../mini.yaml
steps:
  - { at: 1s, attack: http-flood, id: flood, from: all, rate: 101/s, for: 30s }
  - { at: 2s, attack: slow-origin, from: [bots-east], rate: 4/s, for: 10s }
`,
    'topology/scenarios/t.yaml',
  );
  return { plan, store, bots: new FakeBots(), steps: scenario.steps.filter((s): s is AttackStep => s.type === 'attack') };
}

test('a run starts attacks through the attack plan and store: the rate split over the botnets, recorded under the scenario id', async (t) => {
  const { plan, store, bots, steps } = await setup(t);
  const attacks = new RunAttacks(plan, store, bots.agent);
  const record = await attacks.start(steps[0]!);
  t.is(record.id, 'flood');
  t.deepEqual(record.jobs.map((j) => j.botnet).sort(), ['bots-east', 'bots-west']);
  t.deepEqual(bots.started.map((s) => s.request.rps).sort(), [50, 51]);
  t.true(bots.started.every((s) => s.request.durationMs === 30_000), 'each bot is told the duration, so it stops by itself');
  t.deepEqual((await store.list()).map((r) => r.id), ['flood'], '`attack list` sees it');
  const status = await readAttack(record, bots.agent);
  t.is(status.totals.sent, 20);
});

test('stopAll stops every attack the run started, once, and reports the ones that were still running', async (t) => {
  const { plan, store, bots, steps } = await setup(t);
  const attacks = new RunAttacks(plan, store, bots.agent);
  await attacks.start(steps[0]!);
  await attacks.start(steps[1]!);
  const stoppedAt = await attacks.stop('slow-origin');
  t.is(bots.stopped.length, 1);
  t.deepEqual(await attacks.stopAll(), ['flood']);
  t.is(bots.stopped.length, 3, 'both of flood\'s bots and the one of slow-origin');
  t.deepEqual(await attacks.stopAll(), [], 'a second cleanup has nothing left to stop');
  t.is(bots.stopped.length, 3);
  const events = attacks.events();
  t.deepEqual(events.map((e) => [e.id, e.kind, e.from]), [['flood', 'http-flood', ['bots-east', 'bots-west']], ['slow-origin', 'slow-origin', ['bots-east']]]);
  t.is(events[1]!.endedAtMs, stoppedAt);
  t.true(events[0]!.endedAtMs <= events[0]!.startedAtMs + 30_000);
});

test('a cleanup goes on when a bot does not answer', async (t) => {
  const { plan, store, bots, steps } = await setup(t);
  const attacks = new RunAttacks(plan, store, bots.agent);
  const record = await attacks.start(steps[0]!);
  bots.silent.add(record.jobs[0]!.mgmtAddress);
  await attacks.stopAll();
  t.deepEqual(bots.stopped, [record.jobs[1]!.job]);
});

test('an attack one bot refuses is not started at all: the bots already started are stopped again, nothing is left to clean up', async (t) => {
  const { plan, store, bots, steps } = await setup(t);
  const attacks = new RunAttacks(plan, store, bots.agent);
  const [, second] = plan.nodes.filter((n) => n.role === 'bot').sort((a, b) => a.name.localeCompare(b.name));
  bots.refusing.add(second!.mgmtAddress);
  const error = await t.throwsAsync(attacks.start(steps[0]!), { instanceOf: AnycastLabError });
  t.is(error?.code, 'LAB_NOT_READY');
  t.deepEqual(bots.stopped, bots.started.map((s) => s.job));
  t.deepEqual(await attacks.stopAll(), []);
  t.deepEqual(attacks.events(), []);
});
