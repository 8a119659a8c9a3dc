import { formatMs } from '../../../contracts/units.ts';
import { escapeXml } from '../graph/render-graph-svg.ts';
import { popColour } from '../graph/render-text-graphs.ts';
import { formatObserved } from './render-report-table.ts';
import { FAILURE_COLOUR, renderRunTimelineSvg } from './render-timeline-svg.ts';
import type { RunReport } from './types.ts';

/**
 * One chaos run as a self-contained HTML page (inline CSS, SVG and a few lines of JS; nothing
 * fetched): verdict, the timeline of catchment per client with faults marked, successes and
 * failures per client, load per PoP, the faults, the attacks per PoP and the expectation table.
 */

const e = escapeXml;
const percent = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

const CSS = `
body{font-family:Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:20px;margin-bottom:4px} h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
.verdict{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff;font-weight:bold}
.passed{background:#2a7d2a} .failed{background:${FAILURE_COLOUR}} .skipped{background:#777}
table{border-collapse:collapse;font-size:13px} th,td{padding:4px 10px;border-bottom:1px solid #eee;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.fail td{background:#fff0f0} .legend span{display:inline-block;margin-right:14px}
.swatch{display:inline-block;width:12px;height:12px;vertical-align:middle;margin-right:4px;border-radius:2px}
.bar{display:inline-block;height:10px;vertical-align:middle}
.meta{color:#555;font-size:13px}
`;

const SCRIPT = `
document.getElementById('only-failed').addEventListener('change', function (ev) {
  document.querySelectorAll('#expectations tbody tr').forEach(function (tr) {
    tr.style.display = ev.target.checked && !tr.classList.contains('fail') ? 'none' : '';
  });
});
`;

function verdict(report: RunReport): string {
  if (report.skipped !== null) return `<span class="verdict skipped">SKIPPED</span> ${e(report.skipped)}`;
  const failed = report.expectations.filter((x) => !x.passed).length;
  return report.passed
    ? '<span class="verdict passed">PASSED</span>'
    : `<span class="verdict failed">FAILED</span> ${failed} of ${report.expectations.length} expectations failed`;
}

function legend(report: RunReport): string {
  const pops = report.pops.map((p) => p.name);
  const items = pops.map((p) => `<span><i class="swatch" style="background:${popColour(pops, p)}"></i>served by ${e(p)}</span>`);
  items.push(`<span><i class="swatch" style="background:${FAILURE_COLOUR}"></i>failed</span>`, '<span><i class="swatch" style="background:#ffcc00;opacity:.5"></i>fault in force</span>');
  return `<p class="legend">${items.join('')}</p>`;
}

function clientsTable(report: RunReport): string {
  const rows = report.clients.map((c) => {
    const ok = c.sent - c.failed;
    const bar = c.sent > 0 ? `<i class="bar" style="width:${((ok / c.sent) * 120).toFixed(1)}px;background:#2a7d2a"></i><i class="bar" style="width:${((c.failed / c.sent) * 120).toFixed(1)}px;background:${FAILURE_COLOUR}"></i>` : '';
    return `<tr data-client="${e(c.name)}"><td>${e(c.name)}</td><td>${e(c.before ?? '-')} &rarr; ${e(c.after ?? '-')} (${e(c.outcome)})</td><td class="num">${c.convergence_ms === null ? '-' : e(formatMs(c.convergence_ms))}</td><td class="num">${c.sent}</td><td class="num">${ok}</td><td class="num">${c.failed}</td><td class="num">${percent(c.success_rate)}</td><td>${bar}</td><td class="num">${c.latency_before_ms.p50 ?? '-'} / ${c.latency_after_ms.p50 ?? '-'} ms</td></tr>`;
  });
  return `<table id="clients"><thead><tr><th>client</th><th>before &rarr; after</th><th>convergence</th><th>sent</th><th>ok</th><th>failed</th><th>success</th><th></th><th>p50 before / after</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function popsChart(report: RunReport): string {
  const pops = report.pops.map((p) => p.name);
  const most = Math.max(1, ...report.pops.map((p) => p.requests));
  const height = report.pops.length * 24 + 8;
  const bars = report.pops.map((p, i) => {
    const y = 4 + i * 24;
    const w = (p.requests / most) * 500;
    return `<text x="110" y="${y + 14}" text-anchor="end">${e(p.name)}</text><rect class="pop-load" data-pop="${e(p.name)}" x="118" y="${y}" width="${w.toFixed(1)}" height="18" fill="${popColour(pops, p.name)}"/><text x="${(124 + w).toFixed(1)}" y="${y + 14}">${p.requests} requests (${percent(p.share)})</text>`;
  });
  const { max_over_mean: overMean, jain } = report.spread;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="820" height="${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">${bars.join('')}</svg><p class="meta">spread: max/mean ${overMean === null ? '-' : overMean.toFixed(2)}, Jain ${jain === null ? '-' : jain.toFixed(3)}</p>`;
}

function faultsTable(report: RunReport): string {
  if (report.faults.length === 0) return '<p>No faults.</p>';
  const rows = report.faults.map((f) => {
    const moved = f.clients.filter((c) => c.outcome !== 'unaffected').map((c) => `${e(c.name)}: ${e(c.before ?? '-')} &rarr; ${e(c.after ?? '-')}${c.convergence_ms === null ? '' : ` in ${e(formatMs(c.convergence_ms))}`}, ${c.lost} lost`);
    return `<tr><td class="num">${e(formatMs(f.at_ms))}</td><td>${e(f.kind)}</td><td>${e(f.target)}</td><td class="num">${f.reverted_at_ms === null ? '-' : e(formatMs(f.reverted_at_ms))}</td><td>${moved.join('<br>') || 'nobody moved'}</td></tr>`;
  });
  return `<table id="faults"><thead><tr><th>at</th><th>fault</th><th>target</th><th>reverted</th><th>clients</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const ms = (x: number | null): string => (x === null ? '-' : formatMs(x));
const perSecond = (x: number | null): string => (x === null ? '-' : `${x.toFixed(1)}/s`);

function attacksTable(report: RunReport): string {
  if (report.attacks.length === 0) return '<p>No attacks.</p>';
  const rows = report.attacks.flatMap((a) => {
    const spread = `Jain ${a.spread.jain === null ? '-' : a.spread.jain.toFixed(3)}, max/mean ${a.spread.max_over_mean === null ? '-' : a.spread.max_over_mean.toFixed(2)}`;
    const head = `<tr class="attack" data-attack="${e(a.id)}"><td rowspan="${Math.max(1, a.pops.length)}">${e(a.id)} (${e(a.kind)})<br>from ${e(a.from.join(', '))} at ${a.rate}/s<br>${e(ms(a.at_ms))} to ${e(ms(a.ended_at_ms))}, sent ${a.sent}<br>${e(spread)}</td>`;
    if (a.pops.length === 0) return [`${head}<td colspan="7">no PoP counted any of it</td></tr>`];
    return a.pops.map((p, i) => `${i === 0 ? head : '<tr>'}<td>${e(p.name)}</td><td class="num">${p.received}</td><td class="num">${p.blocked}</td><td class="num">${p.dropped ?? '-'}</td><td class="num">${p.served}</td><td class="num">${percent(p.share)}</td><td class="num">${e(ms(p.time_to_mitigate_ms))}</td></tr>`);
  });
  const origin = `<p class="meta">origin: ${perSecond(report.origin.rps_before)} before the attacks, ${perSecond(report.origin.rps_during)} during (shielding)</p>`;
  return `<table id="attacks"><thead><tr><th>attack</th><th>PoP</th><th>received</th><th>blocked</th><th>dropped (packets)</th><th>served</th><th>share</th><th>time to mitigate</th></tr></thead><tbody>${rows.join('')}</tbody></table>${origin}`;
}

function expectationsTable(report: RunReport): string {
  if (report.expectations.length === 0) return '<p>No expectations.</p>';
  const rows = report.expectations.map(
    (x) => `<tr class="${x.passed ? 'pass' : 'fail'}"><td>${x.passed ? 'PASS' : 'FAIL'}</td><td>${e(x.phase)}</td><td class="num">${e(formatMs(x.at_ms))}</td><td>${e(x.name)}</td><td>${e(formatObserved(x))}</td><td>${e(x.limit)}</td><td>${e(x.detail ?? '')}</td></tr>`,
  );
  return `<label><input type="checkbox" id="only-failed"> only failed</label><table id="expectations"><thead><tr><th></th><th>phase</th><th>at</th><th>expectation</th><th>observed</th><th>limit</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function renderRunReportHtml(report: RunReport): string {
  const title = `${report.scenario}: chaos run on lab ${report.lab}`;
  const body = [
    `<h1>${e(title)}</h1>`,
    `<p>${verdict(report)}</p>`,
    `<p class="meta">scenario file ${e(report.file)}, started ${e(report.started_at)}, ran ${e(formatMs(report.duration_ms))}, stable window ${e(formatMs(report.stable_window_ms))}</p>`,
    '<h2>Catchment over time</h2>',
    legend(report),
    renderRunTimelineSvg(report),
    '<h2>Successes and failures per client network</h2>',
    clientsTable(report),
    '<h2>Load per PoP</h2>',
    popsChart(report),
    '<h2>Faults</h2>',
    faultsTable(report),
    '<h2>Attacks</h2>',
    attacksTable(report),
    '<h2>Expectations</h2>',
    expectationsTable(report),
  ];
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title><style>${CSS}</style></head><body>\n${body.join('\n')}\n<script>${SCRIPT}</script>\n</body></html>\n`;
}
