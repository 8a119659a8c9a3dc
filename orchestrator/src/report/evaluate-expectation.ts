import { measureAttack, NO_READINGS, originRate } from '../measure/attack-impact.ts';
import { catchmentAt } from '../measure/catchment.ts';
import { faultWindowEnd, measureFaultImpact } from '../measure/impact.ts';
import { summarizeLatency } from '../measure/latency.ts';
import { recordsBetween, successRate } from '../measure/records.ts';
import { computeSpread, countRequestsByPop } from '../measure/spread.ts';
import { recordsOfAllClients, recordsOfClient } from '../measure/timeline.ts';
import type { RunTimeline } from '../measure/timeline.ts';
import { describeSession } from '../faults/fault-target.ts';
import { bounds, percentBounds, spreadBounds } from '../scenario/describe.ts';
import type { ExpectationCheck } from '../scenario/schedule-checks.ts';
import type { ExpectationResult } from './types.ts';

export interface Measurements {
  readonly timeline: RunTimeline;
  readonly stableWindowMs: number;
  /** Every PoP of the lab: one that served nobody still counts in the spread. */
  readonly pops: readonly string[];
}

type Verdict = Pick<ExpectationResult, 'passed' | 'observed' | 'limit' | 'unit'> & { readonly detail?: string };

/**
 * Holds one expectation against what the run measured. bgp-session and route are read from the
 * observations the runner put in the timeline (the last one at or before the check's time).
 */
export function evaluateExpectation(check: ExpectationCheck, measurements: Measurements): ExpectationResult {
  return { name: check.name, phase: check.phase, at_ms: check.atMs, ...verdict(check, measurements) };
}

function verdict(check: ExpectationCheck, m: Measurements): Verdict {
  const { timeline } = m;
  const atMs = timeline.startedAtMs + check.atMs;
  const sinceMs = timeline.startedAtMs + check.sinceMs;
  const e = check.expectation;
  switch (e.kind) {
    case 'catchment': {
      const observed = catchmentAt(recordsOfClient(timeline, e.client), atMs, m.stableWindowMs);
      const passed = observed !== null && (e.negate ? observed !== e.pop : observed === e.pop);
      return {
        passed,
        observed,
        limit: e.negate ? `not ${e.pop}` : e.pop,
        unit: '',
        ...(observed === null ? { detail: `no ok answer in the ${m.stableWindowMs} ms before` } : {}),
      };
    }
    case 'convergence':
    case 'lost': {
      const limit = e.kind === 'convergence' ? `<= ${e.maxMs} ms` : `<= ${e.max}`;
      const unit = e.kind === 'convergence' ? 'ms' : 'requests';
      const fault = timeline.faults.find((f) => f.id === check.faultId);
      if (fault === undefined) return { passed: false, observed: null, limit, unit, detail: `fault ${check.faultId ?? '?'} was not recorded` };
      const records = recordsOfClient(timeline, e.client);
      const impact = measureFaultImpact(records, fault, faultWindowEnd(fault, timeline.faults, atMs), m.stableWindowMs);
      if (e.kind === 'lost') {
        const passed = impact.outcome !== 'no-data' && impact.lost <= e.max;
        return { passed, observed: impact.lost, limit, unit, detail: impact.outcome };
      }
      const observed = impact.convergenceMs;
      // A client the fault did not move has nothing to converge from: that holds any bound.
      const passed = impact.outcome === 'unaffected' || (observed !== null && observed <= e.maxMs);
      return { passed, observed, limit, unit, detail: `${impact.outcome}: ${impact.before ?? '-'} -> ${impact.after ?? '-'}` };
    }
    case 'success-rate': {
      const records = e.client === undefined ? recordsOfAllClients(timeline) : recordsOfClient(timeline, e.client);
      const rate = successRate(recordsBetween(records, sinceMs, atMs + 1));
      const percent = rate === null ? null : round(rate * 100, 2);
      const passed = percent !== null && percent >= (e.minPercent ?? 0) && percent <= (e.maxPercent ?? 100);
      return { passed, observed: percent, limit: percentBounds(e.minPercent, e.maxPercent), unit: '%' };
    }
    case 'latency': {
      const { p50 } = summarizeLatency(recordsOfClient(timeline, e.client), sinceMs, atMs + 1);
      const passed = p50 !== null && p50 >= (e.minMs ?? 0) && p50 <= (e.maxMs ?? Infinity);
      return { passed, observed: p50, limit: bounds(e.minMs, e.maxMs, (v) => `${v} ms`), unit: 'ms' };
    }
    case 'spread': {
      const counts = countRequestsByPop(recordsBetween(recordsOfAllClients(timeline), sinceMs, atMs + 1), m.pops);
      const spread = computeSpread([...counts.values()]);
      const overMean = spread.maxOverMean === null ? null : round(spread.maxOverMean, 3);
      const jain = spread.jain === null ? null : round(spread.jain, 3);
      const passed =
        overMean !== null && jain !== null && overMean <= (e.maxOverMean ?? Infinity) && jain >= (e.minJain ?? 0);
      const observed = e.minJain === undefined ? overMean : e.maxOverMean === undefined ? jain : `max/mean ${overMean}, jain ${jain}`;
      return { passed, observed, limit: spreadBounds(e.maxOverMean, e.minJain), unit: '' };
    }
    case 'bgp-session': {
      const seen = timeline.bgp.filter((b) => b.router === e.session.router && b.peer === e.session.peer && b.atMs <= atMs).at(-1);
      const established = seen?.state.toLowerCase() === 'established';
      const passed = seen !== undefined && (e.state === 'established') === established;
      return {
        passed,
        observed: seen?.state ?? null,
        limit: e.state,
        unit: '',
        ...(seen === undefined ? { detail: `session ${describeSession(e.session)} was not observed` } : {}),
      };
    }
    case 'attack-share':
    case 'attack-spread':
    case 'mitigated': {
      const event = timeline.attacks?.find((a) => a.id === check.attackId);
      const limit = e.kind === 'attack-share' ? percentBounds(e.minPercent, e.maxPercent) : e.kind === 'mitigated' ? `<= ${e.withinMs} ms` : spreadBounds(e.maxOverMean, e.minJain);
      const unit = e.kind === 'attack-share' ? '%' : e.kind === 'mitigated' ? 'ms' : '';
      if (event === undefined) return { passed: false, observed: null, limit, unit, detail: `attack ${check.attackId ?? '?'} was not started` };
      const impact = measureAttack(event, timeline.attackReadings ?? NO_READINGS, m.pops, atMs);
      if (e.kind === 'attack-share') {
        const pop = impact.pops.find((p) => p.name === e.pop);
        const percent = pop === undefined ? null : round(pop.share * 100, 2);
        const passed = percent !== null && percent >= (e.minPercent ?? 0) && percent <= (e.maxPercent ?? 100);
        return { passed, observed: percent, limit, unit, detail: impact.pops.map((p) => `${p.name} ${round(p.share * 100, 1)}%`).join(', ') };
      }
      if (e.kind === 'attack-spread') {
        const overMean = impact.spread.maxOverMean === null ? null : round(impact.spread.maxOverMean, 3);
        const jain = impact.spread.jain === null ? null : round(impact.spread.jain, 3);
        const passed = overMean !== null && jain !== null && overMean <= (e.maxOverMean ?? Infinity) && jain >= (e.minJain ?? 0);
        const observed = e.minJain === undefined ? overMean : e.maxOverMean === undefined ? jain : `max/mean ${overMean}, jain ${jain}`;
        return { passed, observed, limit, unit };
      }
      // Every PoP the attack reached must mitigate (with `all`); a PoP it never reached has nothing to mitigate.
      const reached = impact.pops.filter((p) => p.received + (p.dropped ?? 0) > 0);
      const judged = e.pop === 'all' ? reached : impact.pops.filter((p) => p.name === e.pop);
      const times = judged.map((p) => p.timeToMitigateMs);
      const passed = judged.length > 0 && times.every((ms) => ms !== null && ms <= e.withinMs);
      const observed = times.length === 0 || times.some((ms) => ms === null) ? null : Math.max(...(times as number[]));
      const detail = judged.length === 0 ? `the attack reached ${e.pop === 'all' ? 'no PoP' : `no ${e.pop}`}` : judged.map((p) => `${p.name} ${p.timeToMitigateMs === null ? 'never' : `${p.timeToMitigateMs} ms`}`).join(', ');
      return { passed, observed, limit, unit, detail };
    }
    case 'origin-load': {
      const rate = originRate(timeline.attackReadings?.origin ?? [], sinceMs, atMs);
      const observed = rate === null ? null : round(rate, 1);
      return {
        passed: observed !== null && observed <= e.maxRate,
        observed,
        limit: `<= ${e.maxRate}/s`,
        unit: '/s',
        ...(observed === null ? { detail: 'the origin was not read twice in the window' } : {}),
      };
    }
    case 'route': {
      const seen = timeline.routes.filter((r) => r.router === e.router && r.prefix === e.prefix && r.atMs <= atMs).at(-1);
      const observed = seen === undefined ? null : seen.present ? 'present' : 'absent';
      return {
        passed: seen !== undefined && seen.present === e.present,
        observed,
        limit: e.present ? 'present' : 'absent',
        unit: '',
        ...(seen === undefined ? { detail: `${e.prefix} on ${e.router} was not observed` } : {}),
      };
    }
  }
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
