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
