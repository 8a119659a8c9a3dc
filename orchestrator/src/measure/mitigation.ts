import { recordsBetween, successRate } from './records.ts';
import type { AttackCounters, ProbeRecord } from '../../../contracts/agent-api.ts';

export interface PopMitigation {
  readonly name: string;
  readonly received: number;
  readonly blocked: number;
  /** blocked / received, 0..1; null when the PoP received nothing. */
  readonly blockedShare: number | null;
}

export interface MitigationSummary {
  readonly pops: readonly PopMitigation[];
  readonly total: PopMitigation & { readonly sent: number };
  /** Share of legitimate probe requests answered ok during the attack, 0..1. */
  readonly legitSuccessRate: number | null;
}

export function summarizeMitigation(
  attacks: readonly AttackCounters[],
  legit: readonly ProbeRecord[],
  window: { readonly fromMs: number; readonly toMs: number },
): MitigationSummary {
  const byPop = new Map<string, { received: number; blocked: number }>();
  for (const attack of attacks) {
    for (const [pop, c] of Object.entries(attack.byPop)) {
      const acc = byPop.get(pop) ?? { received: 0, blocked: 0 };
      byPop.set(pop, { received: acc.received + c.received, blocked: acc.blocked + c.blocked });
    }
  }
  const pops = [...byPop].map(([name, c]) => popMitigation(name, c.received, c.blocked));
  const received = pops.reduce((a, p) => a + p.received, 0);
  const blocked = pops.reduce((a, p) => a + p.blocked, 0);
  return {
    pops,
    total: { ...popMitigation('total', received, blocked), sent: attacks.reduce((a, x) => a + x.sent, 0) },
    legitSuccessRate: successRate(recordsBetween(legit, window.fromMs, window.toMs)),
  };
}

function popMitigation(name: string, received: number, blocked: number): PopMitigation {
  return { name, received, blocked, blockedShare: received === 0 ? null : blocked / received };
}

/** One PoP's attack traffic over one second starting at `atMs`: what reached user space, what it refused, what the kernel dropped. */
export interface MitigationSecond {
  readonly atMs: number;
  readonly received: number;
  /** Refused in user space (429s, reset connections). */
  readonly blocked: number;
  /** Dropped by the kernel filter (the EDGE-BLOCK chain's packet counters). */
  readonly dropped: number;
}

/**
 * Time to mitigate: from the attack's start to the first second in which at least `threshold` of
 * the PoP's attack traffic (received plus dropped) was blocked or dropped. Seconds without attack
 * traffic do not count; null when no second reached the threshold.
 */
export function timeToMitigateMs(seconds: readonly MitigationSecond[], attackStartMs: number, threshold = 0.9): number | null {
  const ordered = [...seconds].filter((s) => s.atMs + 1000 > attackStartMs).sort((a, b) => a.atMs - b.atMs);
  for (const s of ordered) {
    const traffic = s.received + s.dropped;
    if (traffic > 0 && (s.blocked + s.dropped) / traffic >= threshold) return Math.max(0, s.atMs - attackStartMs);
  }
  return null;
}

export interface PopAttackShare {
  readonly name: string;
  /** received + dropped: all the attack traffic that reached the PoP. */
  readonly reached: number;
  /** reached / all reached, 0..1 (0 when nothing reached any PoP). */
  readonly share: number;
}

/** Each PoP's share of an attack, counting what its kernel dropped as well as what it saw. */
export function attackShares(pops: readonly { readonly name: string; readonly received: number; readonly dropped: number }[]): PopAttackShare[] {
  const total = pops.reduce((n, p) => n + p.received + p.dropped, 0);
  return pops.map((p) => ({ name: p.name, reached: p.received + p.dropped, share: total === 0 ? 0 : (p.received + p.dropped) / total }));
}
