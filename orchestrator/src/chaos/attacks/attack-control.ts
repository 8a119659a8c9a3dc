import { agentAt, AgentCallError, type AgentClient } from '../../../../contracts/agent-client.ts';
import type { AttackView } from '../../../../contracts/agent-api.ts';
import { AnycastLabError } from '../../errors.ts';
import type { AttackPlan } from './attack-plan.ts';
import { sumCounters, type CounterTotals } from './attack-plan.ts';
import type { AttackRecord, AttackStore } from './attack-store.ts';

/** An attack with its bots' counters as they are now. */
export interface AttackStatus {
  readonly record: AttackRecord;
  /** Every bot's job has ended (by itself at `for`, or stopped). */
  readonly done: boolean;
  readonly totals: CounterTotals;
  /** Bots whose job could not be read (agent gone, or job forgotten). */
  readonly unreadable: readonly string[];
}

/** The agent API of the bot at a management address (tests give a fake). */
export type AgentsAt = (mgmtAddress: string) => AgentClient;

/** Reads and stops do not wait long: a bot that does not answer is reported, not waited for. */
const botAgent: AgentsAt = (mgmtAddress) => agentAt(mgmtAddress, undefined, { timeoutMs: 3000 });

/**
 * Starts every bot's share; if one bot refuses, the shares already started are stopped again and
 * the refusal is reported, so an attack runs whole or not at all. Returns the attack as recorded.
 */
export async function startAttack(store: AttackStore, plan: AttackPlan, rate: number, id?: string, agents: AgentsAt = agentAt): Promise<AttackRecord> {
  const started: Array<{ node: string; mgmtAddress: string; botnet: string; job: string }> = [];
  const startedAtMs = Date.now();
  try {
    for (const bot of plan.bots) {
      const { id: job } = await agents(bot.mgmtAddress).startAttack(bot.params);
      started.push({ node: bot.node, mgmtAddress: bot.mgmtAddress, botnet: bot.botnet, job });
    }
  } catch (error) {
    await Promise.allSettled(started.map((s) => agents(s.mgmtAddress).stopAttack(s.job)));
    const detail = error instanceof AgentCallError ? error.message : String(error);
    throw new AnycastLabError('LAB_NOT_READY', `attack not started: a bot agent refused or did not answer (${detail}); the bots already started were stopped`, { cause: error });
  }
  return store.add({ kind: plan.kind, from: plan.from, rate, startedAtMs, durationMs: plan.durationMs, jobs: started }, id);
}

export async function readAttack(record: AttackRecord, agents: AgentsAt = botAgent): Promise<AttackStatus> {
  const views = await Promise.allSettled(record.jobs.map((j) => agents(j.mgmtAddress).readAttack(j.job)));
  const read = views.flatMap((v) => (v.status === 'fulfilled' ? [v.value] : [])) as AttackView[];
  const unreadable = record.jobs.filter((_, i) => views[i]!.status === 'rejected').map((j) => j.node);
  // A job that cannot be read is over once its time is up.
  const overdue = Date.now() > record.startedAtMs + record.durationMs + 5000;
  return { record, done: read.every((v) => v.done) && (unreadable.length === 0 || overdue), totals: sumCounters(read), unreadable };
}

/** Stops every bot's job of the attack; jobs already over or gone are fine. */
export async function stopAttack(record: AttackRecord, agents: AgentsAt = botAgent): Promise<void> {
  await Promise.allSettled(record.jobs.map((j) => agents(j.mgmtAddress).stopAttack(j.job)));
}
