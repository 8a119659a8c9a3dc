import { attackParams, type AttackKind, type AttackParams, type AttackSettings } from '../../../../contracts/attack-kinds.ts';
import type { AttackCounters } from '../../../../contracts/agent-api.ts';
import { AnycastLabError } from '../../errors.ts';
import type { AddressPlan } from '../../plan/types.ts';

/** One bot's share of an attack. */
export interface BotShare {
  readonly node: string;
  readonly mgmtAddress: string;
  readonly botnet: string;
  readonly params: AttackParams;
}

export interface AttackPlan {
  readonly kind: AttackKind;
  readonly from: readonly string[];
  readonly durationMs: number;
  readonly bots: readonly BotShare[];
}

/** The lab's botnets: the groups its bot nodes belong to. */
export function botnetsOf(plan: AddressPlan): string[] {
  return [...new Set(plan.nodes.filter((n) => n.role === 'bot' && n.group !== undefined).map((n) => n.group!))].sort();
}

/**
 * Which bots send what: every bot of the named botnets (`all`: of every botnet), the total rate
 * split evenly between them (the first ones take the remainder), each bot told the same duration,
 * so each stops by itself. Pure: the same settings and lab always give the same plan.
 */
export function planAttack(plan: AddressPlan, settings: AttackSettings, from: readonly string[] | 'all'): AttackPlan {
  const botnets = botnetsOf(plan);
  const chosen = from === 'all' ? botnets : [...new Set(from)];
  const unknown = chosen.filter((b) => !botnets.includes(b));
  if (unknown.length > 0) {
    throw new AnycastLabError('USAGE', `--from ${unknown.join(',')}: no such botnet in lab ${plan.lab}; it has ${botnets.join(', ') || 'none'} (or say all)`);
  }
  const nodes = plan.nodes.filter((n) => n.role === 'bot' && n.group !== undefined && chosen.includes(n.group)).sort((a, b) => a.name.localeCompare(b.name));
  const params = attackParams(settings);
  if (nodes.length === 0) throw new AnycastLabError('USAGE', `lab ${plan.lab} has no bots to attack from`);
  const base = Math.floor(params.rps / nodes.length);
  if (base < 1) throw new AnycastLabError('USAGE', `--rate ${params.rps}/s is below one per second for each of the ${nodes.length} bots; ask for at least ${nodes.length}/s`);
  const extra = Math.round(params.rps) - base * nodes.length;
  return {
    kind: params.kind,
    from: chosen,
    durationMs: params.durationMs,
    bots: nodes.map((n, i) => ({ node: n.name, mgmtAddress: n.mgmtAddress, botnet: n.group!, params: { ...params, rps: base + (i < extra ? 1 : 0) } })),
  };
}

export type CounterTotals = Omit<AttackCounters, 'byPop'> & { readonly byPop: Record<string, { received: number; blocked: number }> };

/** The counters of every bot of an attack, added up (per PoP too). */
export function sumCounters(views: readonly AttackCounters[]): CounterTotals {
  const total = { sent: 0, ok: 0, blocked: 0, errors: 0, timeouts: 0, skipped: 0, inFlight: 0, byPop: {} as Record<string, { received: number; blocked: number }> };
  for (const v of views) {
    for (const key of ['sent', 'ok', 'blocked', 'errors', 'timeouts', 'skipped', 'inFlight'] as const) total[key] += v[key];
    for (const [pop, at] of Object.entries(v.byPop)) {
      const sum = (total.byPop[pop] ??= { received: 0, blocked: 0 });
      sum.received += at.received;
      sum.blocked += at.blocked;
    }
  }
  return total;
}
