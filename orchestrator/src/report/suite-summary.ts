import { percentile } from '../measure/latency.ts';
import type { ExpectationResult, RunReport } from './types.ts';

/**
 * What repeats of one scenario say together: every figure as a distribution over the runs, every
 * expectation with how many runs it passed in. One that passed in some runs and failed in others
 * is flaky: reported apart from one that always fails.
 */

/** What a figure is of: a client network, or an attack (and one PoP of it). */
export interface FigureSubject {
  readonly client?: string;
  readonly attack?: string;
  readonly pop?: string;
}

export interface FigureDistribution extends FigureSubject {
  readonly name: string;
  /** Runs that measured it (a client that never moved has no convergence figure in that run). */
  readonly samples: number;
  readonly min: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

export type ExpectationVerdict = 'pass' | 'fail' | 'flaky';

export interface ExpectationTally {
  readonly name: string;
  readonly phase: ExpectationResult['phase'];
  readonly at_ms: number;
  readonly passed_runs: number;
  readonly runs: number;
  readonly verdict: ExpectationVerdict;
}

export interface ScenarioSummary {
  readonly runs: number;
  readonly figures: readonly FigureDistribution[];
  readonly expectations: readonly ExpectationTally[];
}

export function distribution(name: string, values: readonly number[], subject: string | FigureSubject = {}): FigureDistribution | undefined {
  if (values.length === 0) return undefined;
  return {
    name,
    ...(typeof subject === 'string' ? { client: subject } : subject),
    samples: values.length,
    min: Math.min(...values),
    p50: percentile(values, 50)!,
    p95: percentile(values, 95)!,
    max: Math.max(...values),
  };
}

export function classify(passedRuns: number, runs: number): ExpectationVerdict {
  if (passedRuns === runs) return 'pass';
  return passedRuns === 0 ? 'fail' : 'flaky';
}

const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/** The per-run figures every report carries, by name and client. */
function figuresOf(reports: readonly RunReport[]): FigureDistribution[] {
  const clients = [...new Set(reports.flatMap((r) => r.clients.map((c) => c.name)))];
  const perClient = clients.flatMap((client) => {
    const rows = reports.map((r) => r.clients.find((c) => c.name === client)).filter(present);
    return [
      distribution('convergence_ms', rows.map((c) => c.convergence_ms).filter(present), client),
      distribution('lost', rows.map((c) => c.lost), client),
      distribution('success_rate', rows.map((c) => c.success_rate).filter(present), client),
    ];
  });
  const overall = [
    distribution('spread_jain', reports.map((r) => r.spread.jain).filter(present)),
    distribution('spread_max_over_mean', reports.map((r) => r.spread.max_over_mean).filter(present)),
  ];
  return [...perClient, ...overall, ...attackFigures(reports)].filter(present);
}

/** Per attack (by id): its spread over the PoPs; per attack and PoP: its share and the time to mitigate it. */
function attackFigures(reports: readonly RunReport[]): (FigureDistribution | undefined)[] {
  const attacks = reports.flatMap((r) => r.attacks ?? []);
  const ids = [...new Set(attacks.map((a) => a.id))];
  return ids.flatMap((attack) => {
    const runs = attacks.filter((a) => a.id === attack);
    const pops = [...new Set(runs.flatMap((a) => a.pops.map((p) => p.name)))];
    const perPop = (pop: string) => runs.map((a) => a.pops.find((p) => p.name === pop)).filter(present);
    return [
      distribution('attack_spread_jain', runs.map((a) => a.spread.jain).filter(present), { attack }),
      distribution('attack_spread_max_over_mean', runs.map((a) => a.spread.max_over_mean).filter(present), { attack }),
      ...pops.flatMap((pop) => [
        distribution('attack_share', perPop(pop).map((p) => p.share), { attack, pop }),
        distribution('time_to_mitigate_ms', perPop(pop).map((p) => p.time_to_mitigate_ms).filter(present), { attack, pop }),
      ]),
    ];
  });
}

const key = (e: ExpectationResult): string => `${e.phase}\u0000${e.at_ms}\u0000${e.name}`;

/** `ran`: the runs that were not skipped (summarizeRuns passes only those). */
function tally(ran: readonly RunReport[]): ExpectationTally[] {
  const order: string[] = [];
  const byKey = new Map<string, { first: ExpectationResult; passed: number; runs: number }>();
  for (const report of ran) {
    for (const e of report.expectations) {
      const k = key(e);
      const entry = byKey.get(k) ?? { first: e, passed: 0, runs: 0 };
      if (!byKey.has(k)) order.push(k);
      entry.runs += 1;
      if (e.passed) entry.passed += 1;
      byKey.set(k, entry);
    }
  }
  // An expectation a run never reached (the steady state failed first) counts as not passed there.
  return order.map((k) => {
    const { first, passed } = byKey.get(k)!;
    return { name: first.name, phase: first.phase, at_ms: first.at_ms, passed_runs: passed, runs: ran.length, verdict: classify(passed, ran.length) };
  });
}

export function summarizeRuns(reports: readonly RunReport[]): ScenarioSummary {
  const ran = reports.filter((r) => r.skipped === null);
  return { runs: reports.length, figures: figuresOf(ran), expectations: tally(ran) };
}
