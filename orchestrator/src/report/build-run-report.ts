import { measureAttack, NO_READINGS, originLoad } from '../measure/attack-impact.ts';
import { catchmentAfter } from '../measure/catchment.ts';
import { faultWindowEnd, measureFaultImpact } from '../measure/impact.ts';
import type { FaultImpact } from '../measure/impact.ts';
import { summarizeLatency } from '../measure/latency.ts';
import { countFailed, recordsBetween, successRate } from '../measure/records.ts';
import { computeSpread, countRequestsByPop, popShares } from '../measure/spread.ts';
import { clientNames, recordsOfAllClients, recordsOfClient } from '../measure/timeline.ts';
import type { FaultEvent, RunTimeline } from '../measure/timeline.ts';
import type { ProbeRecord } from '../../../contracts/agent-api.ts';
import type { Scenario } from '../scenario/types.ts';
import type { ClientImpact, ClientReport, ExpectationResult, FaultReport, ReportTimeline, RunReport } from './types.ts';

export interface RunReportInput {
  readonly scenario: Scenario;
  readonly timeline: RunTimeline;
  /** From evaluateExpectation over scheduleChecks(scenario, ...). */
  readonly results: readonly ExpectationResult[];
  /** Every PoP of the lab, so that one that served nobody shows (and counts in the spread). */
  readonly pops: readonly string[];
}

export function buildRunReport({ scenario, timeline, results, pops }: RunReportInput): RunReport {
  const start = timeline.startedAtMs;
  const end = timeline.endedAtMs;
  const window = scenario.stableWindowMs;
  const clients = clientNames(timeline).map((name) => ({ name, records: recordsOfClient(timeline, name) }));
  const impactsOf = (fault: FaultEvent): Array<{ name: string; impact: FaultImpact }> =>
    clients.map(({ name, records }) => ({
      name,
      impact: measureFaultImpact(records, fault, faultWindowEnd(fault, timeline.faults, end), window),
    }));
  const counts = countRequestsByPop(recordsBetween(recordsOfAllClients(timeline), start, end + 1), pops);
  const spread = computeSpread([...counts.values()]);
  const impacts = timeline.faults.map(impactsOf);
  const first = timeline.faults[0];
  return {
    ...header(scenario, timeline),
    passed: results.every((r) => r.passed),
    skipped: null,
    expectations: results,
    faults: timeline.faults.map((fault, i) => faultReport(fault, impacts[i] ?? [], clients, timeline)),
    clients: clients.map(({ name, records }) =>
      clientReport(name, records, first, impacts[0]?.find((i) => i.name === name)?.impact, timeline),
    ),
    pops: popShares(counts),
    spread: { max_over_mean: spread.maxOverMean, jain: spread.jain },
    ...attackReports(timeline, pops),
    timeline: reportTimeline(timeline),
  };
}

/** Each attack per PoP, and the origin's load before and during the attacks. */
function attackReports(timeline: RunTimeline, pops: readonly string[]): Pick<RunReport, 'attacks' | 'origin'> {
  const events = timeline.attacks ?? [];
  const readings = timeline.attackReadings ?? NO_READINGS;
  const start = timeline.startedAtMs;
  const origin = originLoad(readings.origin, events, start);
  return {
    attacks: events.map((event) => {
      const impact = measureAttack(event, readings, pops);
      return {
        id: event.id,
        kind: event.kind,
        from: event.from,
        rate: event.rate,
        at_ms: event.startedAtMs - start,
        ended_at_ms: event.endedAtMs - start,
        sent: impact.sent,
        pops: impact.pops.map((p) => ({
          name: p.name,
          received: p.received,
          blocked: p.blocked,
          dropped: p.dropped,
          served: p.served,
          share: round(p.share, 4),
          time_to_mitigate_ms: p.timeToMitigateMs,
        })),
        spread: { jain: roundOrNull(impact.spread.jain, 4), max_over_mean: roundOrNull(impact.spread.maxOverMean, 4) },
      };
    }),
    origin: { rps_before: roundOrNull(origin.before, 1), rps_during: roundOrNull(origin.during, 1) },
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function roundOrNull(value: number | null, digits: number): number | null {
  return value === null ? null : round(value, digits);
}

/** The report of a run that did not happen, e.g. because the kernel lacks a feature it requires. */
export function buildSkippedReport(scenario: Scenario, reason: string, startedAtMs: number): RunReport {
  const timeline: RunTimeline = { startedAtMs, endedAtMs: startedAtMs, clients: [], faults: [], bgp: [], routes: [] };
  return {
    ...header(scenario, timeline),
    passed: true,
    skipped: reason,
    expectations: [],
    faults: [],
    clients: [],
    pops: [],
    spread: { max_over_mean: null, jain: null },
    attacks: [],
    origin: { rps_before: null, rps_during: null },
    timeline: reportTimeline(timeline),
  };
}

function header(scenario: Scenario, timeline: RunTimeline): Pick<RunReport, 'scenario' | 'file' | 'lab' | 'started_at' | 'duration_ms' | 'stable_window_ms'> {
  return {
    scenario: scenario.name,
    file: scenario.file,
    lab: scenario.lab,
    started_at: new Date(timeline.startedAtMs).toISOString(),
    duration_ms: timeline.endedAtMs - timeline.startedAtMs,
    stable_window_ms: scenario.stableWindowMs,
  };
}

function clientImpact(name: string, impact: FaultImpact): ClientImpact {
  return {
    name,
    outcome: impact.outcome,
    before: impact.before,
    after: impact.after,
    convergence_ms: impact.convergenceMs,
    lost: impact.lost,
  };
}

function faultReport(
  fault: FaultEvent,
  impacts: ReadonlyArray<{ name: string; impact: FaultImpact }>,
  clients: ReadonlyArray<{ name: string; records: readonly ProbeRecord[] }>,
  timeline: RunTimeline,
): FaultReport {
  const start = timeline.startedAtMs;
  const until = faultWindowEnd(fault, timeline.faults, timeline.endedAtMs);
  const cycles = fault.cycles?.map((cycle, i, all) => ({
    down_at_ms: cycle.downAtMs - start,
    up_at_ms: cycle.upAtMs === undefined ? null : cycle.upAtMs - start,
    lost: clients.map(({ name, records }) => ({ name, lost: countFailed(records, cycle.downAtMs, all[i + 1]?.downAtMs ?? until) })),
  }));
  return {
    id: fault.id,
    kind: fault.kind,
    target: fault.target,
    at_ms: fault.atMs - start,
    reverted_at_ms: fault.revertedAtMs === undefined ? null : fault.revertedAtMs - start,
    clients: impacts.map(({ name, impact }) => clientImpact(name, impact)),
    ...(cycles === undefined ? {} : { cycles }),
  };
}

function clientReport(
  name: string,
  records: readonly ProbeRecord[],
  fault: FaultEvent | undefined,
  impact: FaultImpact | undefined,
  timeline: RunTimeline,
): ClientReport {
  const { startedAtMs: start, endedAtMs: end } = timeline;
  const inRun = recordsBetween(records, start, end + 1);
  const totals = { sent: inRun.length, failed: countFailed(inRun, start, end + 1), success_rate: successRate(inRun) };
  if (fault === undefined || impact === undefined) {
    const pop = catchmentAfter(inRun, start, end + 1);
    return {
      name,
      outcome: 'unaffected',
      before: pop,
      after: pop,
      convergence_ms: null,
      lost: 0,
      ...totals,
      latency_before_ms: summarizeLatency(inRun, start, end + 1),
      latency_after_ms: { p50: null, p95: null },
    };
  }
  const until = faultWindowEnd(fault, timeline.faults, end);
  return {
    ...clientImpact(name, impact),
    ...totals,
    latency_before_ms: summarizeLatency(inRun, start, fault.atMs),
    latency_after_ms: summarizeLatency(inRun, impact.convergedAtMs ?? fault.atMs, until),
  };
}

function reportTimeline(timeline: RunTimeline): ReportTimeline {
  const start = timeline.startedAtMs;
  return {
    clients: timeline.clients.map((c) => ({
      client: c.client,
      node: c.node,
      records: c.records.map((r) => ({
        seq: r.seq,
        at_ms: r.sentAt - start,
        outcome: r.outcome,
        latency_ms: r.latencyMs,
        ...(r.status === undefined ? {} : { status: r.status }),
        ...(r.pop === undefined ? {} : { pop: r.pop }),
        ...(r.server === undefined ? {} : { server: r.server }),
      })),
    })),
    bgp: timeline.bgp.map((b) => ({ at_ms: b.atMs - start, router: b.router, peer: b.peer, state: b.state })),
    routes: timeline.routes.map((r) => ({ at_ms: r.atMs - start, router: r.router, prefix: r.prefix, present: r.present })),
  };
}
