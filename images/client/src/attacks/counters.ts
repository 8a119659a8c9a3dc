import type { AttackCounters } from '../../../../contracts/agent-api.ts';
import type { RequestResult } from '../send-request.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type Counters = Mutable<Omit<AttackCounters, 'byPop' | 'skipped' | 'inFlight'>> & {
  byPop: Record<string, { received: number; blocked: number }>;
};

/** A running attack, whatever its kind. */
export interface RunningAttack {
  readonly done: Promise<void>;
  stop(): void;
  counters(): AttackCounters;
}

export function newCounters(): Counters {
  return { sent: 0, ok: 0, blocked: 0, errors: 0, timeouts: 0, byPop: {} };
}

/** 429 and 403 are the edge's mitigation answering. */
export function isBlockStatus(status: number | undefined): boolean {
  return status === 429 || status === 403;
}

/** Counts an answer (or its absence) that came from `pop`, if the edge said which. */
export function countAtPop(counters: Counters, pop: string | undefined, blocked: boolean): void {
  if (pop === undefined) return;
  const at = (counters.byPop[pop] ??= { received: 0, blocked: 0 });
  at.received++;
  if (blocked) at.blocked++;
}

export function countResult(counters: Counters, result: RequestResult): void {
  const blocked = isBlockStatus(result.status);
  if (result.outcome === 'ok') counters.ok++;
  else if (blocked) counters.blocked++;
  else if (result.outcome === 'timeout') counters.timeouts++;
  else counters.errors++;
  countAtPop(counters, result.pop, blocked);
}

export function snapshot(counters: Counters, stats: { skipped: number; inFlight: number }): AttackCounters {
  return { ...counters, byPop: structuredClone(counters.byPop), skipped: stats.skipped, inFlight: stats.inFlight };
}
