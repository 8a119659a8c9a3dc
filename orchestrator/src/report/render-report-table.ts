import { formatMs } from '../../../contracts/units.ts';
import { formatColumns } from './text-table.ts';
import type { ExpectationResult, LatencyReport, RunReport } from './types.ts';

/** The report for a person at a terminal: faults, per client before -> after, PoPs, expectations. */
export function renderReportTable(report: RunReport): string {
  if (report.skipped !== null) return `${report.scenario}: SKIPPED: ${report.skipped}\n`;
  const failed = report.expectations.filter((e) => !e.passed).length;
  const verdict = failed === 0 ? 'PASSED' : `FAILED (${failed} of ${report.expectations.length} expectations failed)`;
  const sections = [
    `${report.scenario}: ${verdict}\n  lab ${report.lab}, ran ${formatMs(report.duration_ms)}, stable window ${formatMs(report.stable_window_ms)}`,
    faultsSection(report),
    clientsSection(report),
    popsSection(report),
    attacksSection(report),
    expectationsSection(report.expectations),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

function faultsSection(report: RunReport): string {
  if (report.faults.length === 0) return 'faults: none';
  const rows = [['at', 'fault', 'target', 'reverted']];
  for (const f of report.faults) {
    rows.push([formatMs(f.at_ms), f.id === f.kind ? f.kind : `${f.id} (${f.kind})`, f.target, f.reverted_at_ms === null ? '-' : formatMs(f.reverted_at_ms)]);
  }
  const cycles = report.faults.flatMap((f) =>
    (f.cycles ?? []).map((c, i) => [`${f.id} #${i + 1}`, formatMs(c.down_at_ms), c.lost.map((l) => `${l.name} ${l.lost}`).join(', ')]),
  );
  const flaps = cycles.length === 0 ? '' : `\n\nlost per flap\n${formatColumns([['flap', 'down at', 'lost'], ...cycles])}`;
  return `faults\n${formatColumns(rows)}${flaps}`;
}

function clientsSection(report: RunReport): string {
  if (report.clients.length === 0) return 'clients: no probe records';
  const first = report.faults[0];
  const title = first === undefined ? 'clients' : `clients, after ${first.kind} ${first.target} at ${formatMs(first.at_ms)}`;
  const rows = [['client', 'before -> after', 'convergence', 'lost', 'sent', 'ok', 'p50 before / after']];
  for (const c of report.clients) {
    rows.push([
      c.name,
      `${c.before ?? '-'} -> ${c.after ?? '-'}${c.outcome === 'unstable' ? ' (unstable)' : ''}`,
      c.convergence_ms === null ? '-' : formatMs(c.convergence_ms),
      String(c.lost),
      String(c.sent),
      c.success_rate === null ? '-' : `${(c.success_rate * 100).toFixed(1)}%`,
      `${latency(c.latency_before_ms)} / ${latency(c.latency_after_ms)}`,
    ]);
  }
  return `${title}\n${formatColumns(rows)}`;
}

function popsSection(report: RunReport): string {
  const rows = [['pop', 'requests', 'share'], ...report.pops.map((p) => [p.name, String(p.requests), `${(p.share * 100).toFixed(1)}%`])];
  const { max_over_mean: overMean, jain } = report.spread;
  const spread = `spread: max/mean ${overMean === null ? '-' : overMean.toFixed(2)}, jain ${jain === null ? '-' : jain.toFixed(3)}`;
  return `pops\n${formatColumns(rows)}\n  ${spread}`;
}

/** Each attack per PoP, the origin's load beside it; empty when the run started no attack. */
export function attacksSection(report: Pick<RunReport, 'attacks' | 'origin'>): string {
  if (report.attacks.length === 0) return '';
  const parts = report.attacks.map((a) => {
    const { jain, max_over_mean: overMean } = a.spread;
    const head = `attack ${a.id === a.kind ? a.kind : `${a.id} (${a.kind})`} from ${a.from.join(', ')} at ${a.rate}/s, ${formatMs(a.at_ms)} to ${formatMs(a.ended_at_ms)}: sent ${a.sent}`;
    const rows = [['pop', 'received', 'blocked', 'dropped', 'served', 'share', 'mitigated after']];
    for (const p of a.pops) {
      rows.push([
        p.name,
        String(p.received),
        String(p.blocked),
        p.dropped === null ? 'not counted' : String(p.dropped),
        String(p.served),
        `${(p.share * 100).toFixed(1)}%`,
        p.time_to_mitigate_ms === null ? 'never' : formatMs(p.time_to_mitigate_ms),
      ]);
    }
    const spread = `spread: max/mean ${overMean === null ? '-' : overMean.toFixed(2)}, jain ${jain === null ? '-' : jain.toFixed(3)}`;
    return `${head}\n${formatColumns(rows)}\n  ${spread}`;
  });
  const rate = (v: number | null): string => (v === null ? '-' : `${v}/s`);
  return `${parts.join('\n\n')}\n  origin: ${rate(report.origin.rps_before)} before the attacks, ${rate(report.origin.rps_during)} during`;
}

function expectationsSection(results: readonly ExpectationResult[]): string {
  if (results.length === 0) return 'expectations: none';
  const rows = [['', 'expectation', 'observed', 'limit', '']];
  for (const r of results) {
    rows.push([r.passed ? 'PASS' : 'FAIL', r.name, formatObserved(r), r.limit, r.detail ?? '']);
  }
  return `expectations\n${formatColumns(rows)}`;
}

/** An observed value with its unit, as a person reads it. */
export function formatObserved(result: Pick<ExpectationResult, 'observed' | 'unit'>): string {
  const { observed, unit } = result;
  if (observed === null) return '-';
  if (typeof observed === 'string') return observed;
  if (unit === 'ms') return formatMs(observed);
  return unit === '%' || unit === '/s' ? `${observed}${unit}` : String(observed);
}

function latency(l: LatencyReport): string {
  return l.p50 === null ? '-' : formatMs(l.p50);
}
