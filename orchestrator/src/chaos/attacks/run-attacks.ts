import { agentAt } from '../../../../contracts/agent-client.ts';
import type { AttackEvent } from '../../measure/attack-impact.ts';
import type { AddressPlan } from '../../plan/types.ts';
import type { AttackStep } from '../../scenario/types.ts';
import { startAttack, stopAttack, type AgentsAt } from './attack-control.ts';
import { planAttack } from './attack-plan.ts';
import type { AttackRecord, AttackStore } from './attack-store.ts';

interface Started {
  readonly step: AttackStep;
  readonly record: AttackRecord;
  stoppedAtMs?: number;
}

/**
 * The attacks of one chaos run: planned and started through the same code as `attack start`
 * (so they show in `attack list`), each told its `for` so it stops by itself, and every one the
 * run started stopped again by `stopAll`, which the run calls however it ends.
 */
export class RunAttacks {
  readonly #plan: AddressPlan;
  readonly #store: AttackStore;
  readonly #agents: AgentsAt;
  readonly #started: Started[] = [];

  constructor(plan: AddressPlan, store: AttackStore, agents: AgentsAt = agentAt) {
    this.#plan = plan;
    this.#store = store;
    this.#agents = agents;
  }

  async start(step: AttackStep): Promise<AttackRecord> {
    const attack = planAttack(this.#plan, step.settings, step.from);
    const record = await startAttack(this.#store, attack, step.settings['rate'] as number, step.id, this.#agents);
    this.#started.push({ step, record });
    return record;
  }

  /** Stops the attack the scenario calls `id`; returns when it was stopped (epoch ms). */
  async stop(id: string): Promise<number> {
    const started = this.#started.find((s) => s.step.id === id && s.stoppedAtMs === undefined);
    if (started === undefined) return Date.now();
    await stopAttack(started.record, this.#agents);
    started.stoppedAtMs = Date.now();
    return started.stoppedAtMs;
  }

  /**
   * Stops every attack the run started and has not stopped yet (one already over by its `for` is
   * asked too: a no-op for its agent); returns the ids of those that were still running.
   */
  async stopAll(): Promise<string[]> {
    const open = this.#started.filter((s) => s.stoppedAtMs === undefined);
    const now = Date.now();
    const running = open.filter((s) => now < s.record.startedAtMs + s.record.durationMs).map((s) => s.step.id);
    await Promise.all(
      open.map(async (s) => {
        await stopAttack(s.record, this.#agents);
        s.stoppedAtMs ??= Math.min(Date.now(), s.record.startedAtMs + s.record.durationMs);
      }),
    );
    return running;
  }

  /** The attacks started so far, by their scenario ids, as the store recorded them. */
  entries(): Array<{ readonly id: string; readonly record: AttackRecord }> {
    return this.#started.map((s) => ({ id: s.step.id, record: s.record }));
  }

  /** Each attack as it ran: from its start to its `for`, or to when it was stopped if that came first. */
  events(): AttackEvent[] {
    return this.#started.map(({ step, record, stoppedAtMs }) => {
      const endsAtMs = record.startedAtMs + record.durationMs;
      return {
        id: step.id,
        kind: record.kind,
        from: [...record.from],
        rate: record.rate,
        startedAtMs: record.startedAtMs,
        endedAtMs: stoppedAtMs === undefined ? endsAtMs : Math.min(endsAtMs, stoppedAtMs),
        bots: record.jobs.map((j) => ({ node: j.node, botnet: j.botnet })),
      };
    });
  }
}
