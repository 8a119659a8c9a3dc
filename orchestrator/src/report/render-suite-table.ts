import { formatMs } from '../../../contracts/units.ts';
import type { FigureDistribution } from './suite-summary.ts';
import type { SuiteReport } from './suite-report.ts';
import { formatColumns } from './text-table.ts';

function formatFigure(name: string, value: number): string {
  if (name.endsWith('_ms')) return formatMs(value);
  if (name === 'success_rate' || name === 'attack_share') return `${(value * 100).toFixed(1)}%`;
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

function figureRows(figures: readonly FigureDistribution[]): string[][] {
  return figures.map((f) => [[f.name, f.client, f.attack, f.pop].filter(Boolean).join(' '), String(f.samples), ...[f.min, f.p50, f.p95, f.max].map((v) => formatFigure(f.name, v))]);
}

/** The suite for a person at a terminal: one line per scenario, then figures and non-passing expectations. */
export function renderSuiteTable(report: SuiteReport): string {
  const rows = [['scenario', 'verdict', 'runs', 'expectations pass/flaky/fail', 'broken runs']];
  for (const s of report.scenarios) {
    const count = (v: string): number => s.expectations.filter((e) => e.verdict === v).length;
    rows.push([s.scenario, s.verdict.toUpperCase(), String(s.runs), `${count('pass')}/${count('flaky')}/${count('fail')}`, String(s.broken.length)]);
  }
  const detail = report.scenarios.map((s) => {
    const figures = s.figures.length > 0 ? `\n${formatColumns([['figure', 'runs', 'min', 'p50', 'p95', 'max'], ...figureRows(s.figures)], '    ')}` : '';
    const notPassing = s.expectations.filter((e) => e.verdict !== 'pass').map((e) => `    ${e.verdict.toUpperCase()}  ${e.name} (passed ${e.passed_runs} of ${e.runs})`);
    const broken = s.broken.map((b) => `    BROKEN  run ${b.run}: ${b.message.split('\n')[0]}`);
    return [`  ${s.scenario}`, figures.slice(1), ...notPassing, ...broken].filter((l) => l !== '').join('\n');
  });
  const leftOut = report.left_out.length > 0 ? `\n\nleft out by --only: ${report.left_out.map((l) => l.file.replace(/^.*\//, '')).join(', ')}` : '';
  const verdict = report.passed ? 'PASSED' : 'FAILED';
  return `suite: ${verdict} (${report.runs} runs in ${formatMs(report.duration_ms)}, fail on ${report.fail_on})\n${formatColumns(rows)}\n\n${detail.join('\n\n')}${leftOut}\n`;
}
