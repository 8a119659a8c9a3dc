import { escapeXml } from '../graph/render-graph-svg.ts';
import { popColour } from '../graph/render-text-graphs.ts';
import type { ReportRecord, RunReport } from './types.ts';

/**
 * A chaos run on one time axis, as SVG: one row per client network, coloured by the PoP that
 * answered (red where requests failed), fault spans shaded from injection to revert, BGP session
 * changes and route changes as ticks on rows of their own. Records are grouped into buckets
 * (BUCKETS over the run) and runs of equal buckets drawn as one bar, so a long run stays small.
 */

const BUCKETS = 400;
const LABEL_WIDTH = 150;
const PLOT_WIDTH = 800;
const ROW_HEIGHT = 22;
const AXIS_HEIGHT = 26;
export const FAILURE_COLOUR = '#d00000';
/** Attacks are drawn as a bar over the plot, from start to end. */
const ATTACK_FILL = '#6d2e8c';
const FAULT_FILL = '#ffcc00';

/** What a bucket of one client's records shows: the PoP most of them reached, or `failed` when most failed. */
export type BucketState = string | 'failed' | null;

export function bucketStates(records: readonly ReportRecord[], durationMs: number, buckets = BUCKETS): BucketState[] {
  const counts = Array.from({ length: buckets }, () => new Map<string, number>());
  const width = Math.max(1, durationMs) / buckets;
  for (const record of records) {
    const i = Math.min(buckets - 1, Math.max(0, Math.floor(record.at_ms / width)));
    const key = record.outcome === 'ok' ? (record.pop ?? '?') : 'failed';
    counts[i]!.set(key, (counts[i]!.get(key) ?? 0) + 1);
  }
  return counts.map((c) => {
    let best: BucketState = null;
    let most = 0;
    for (const [key, n] of c) if (n > most || (n === most && key === 'failed')) [best, most] = [key, n];
    return best;
  });
}

/** Consecutive equal buckets joined: `[state, first, count]`; empty buckets are left out. */
export function runsOf(states: readonly BucketState[]): { state: string; from: number; count: number }[] {
  const runs: { state: string; from: number; count: number }[] = [];
  states.forEach((state, i) => {
    if (state === null) return;
    const last = runs.at(-1);
    if (last && last.state === state && last.from + last.count === i) last.count += 1;
    else runs.push({ state, from: i, count: 1 });
  });
  return runs;
}

const f = (n: number): string => String(Math.round(n * 10) / 10);

function tickStep(durationMs: number): number {
  const steps = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];
  return steps.find((s) => durationMs / s <= 12) ?? 1_800_000;
}

export function renderRunTimelineSvg(report: RunReport): string {
  const duration = Math.max(1, report.duration_ms);
  const x = (ms: number): number => LABEL_WIDTH + (Math.min(Math.max(ms, 0), duration) / duration) * PLOT_WIDTH;
  const pops = report.pops.map((p) => p.name);
  const clients = report.timeline.clients;
  const eventRows = ['BGP', 'routes'];
  const rows = clients.length + eventRows.length;
  const height = AXIS_HEIGHT + rows * ROW_HEIGHT + 10;
  const width = LABEL_WIDTH + PLOT_WIDTH + 20;
  const plotBottom = AXIS_HEIGHT + rows * ROW_HEIGHT;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
  ];
  for (const fault of report.faults) {
    const end = fault.reverted_at_ms ?? duration;
    out.push(
      `<rect class="fault" data-fault="${escapeXml(fault.id)}" x="${f(x(fault.at_ms))}" y="${AXIS_HEIGHT}" width="${f(Math.max(1, x(end) - x(fault.at_ms)))}" height="${rows * ROW_HEIGHT}" fill="${FAULT_FILL}" fill-opacity="0.18"><title>${escapeXml(`${fault.kind} ${fault.target}: ${fault.at_ms} ms to ${fault.reverted_at_ms ?? 'end'}${fault.reverted_at_ms === null ? '' : ' ms'}`)}</title></rect>`,
      `<line x1="${f(x(fault.at_ms))}" x2="${f(x(fault.at_ms))}" y1="${AXIS_HEIGHT - 4}" y2="${plotBottom}" stroke="#b8860b" stroke-width="1.5"/>`,
      `<text x="${f(x(fault.at_ms) + 3)}" y="${AXIS_HEIGHT - 6}" fill="#8a6d00">${escapeXml(`${fault.kind} ${fault.target}`)}</text>`,
    );
    if (fault.reverted_at_ms !== null) out.push(`<line class="revert" x1="${f(x(end))}" x2="${f(x(end))}" y1="${AXIS_HEIGHT}" y2="${plotBottom}" stroke="#b8860b" stroke-dasharray="3 3"><title>revert ${escapeXml(fault.id)} at ${end} ms</title></line>`);
  }
  for (const attack of report.attacks ?? []) {
    out.push(
      `<rect class="attack" data-attack="${escapeXml(attack.id)}" x="${f(x(attack.at_ms))}" y="${AXIS_HEIGHT - 3}" width="${f(Math.max(1, x(attack.ended_at_ms) - x(attack.at_ms)))}" height="3" fill="${ATTACK_FILL}"><title>${escapeXml(`attack ${attack.id} (${attack.kind}) from ${attack.from.join(', ')}: ${attack.at_ms} to ${attack.ended_at_ms} ms`)}</title></rect>`,
      `<text x="${f(x(attack.at_ms) + 3)}" y="${AXIS_HEIGHT - 16}" fill="${ATTACK_FILL}">${escapeXml(`attack ${attack.id}`)}</text>`,
    );
  }
  const step = tickStep(duration);
  for (let t = 0; t <= duration; t += step) {
    out.push(`<line x1="${f(x(t))}" x2="${f(x(t))}" y1="${AXIS_HEIGHT}" y2="${plotBottom}" stroke="#ddd"/>`, `<text x="${f(x(t))}" y="${plotBottom + 10}" text-anchor="middle" fill="#666" font-size="9">${t / 1000}s</text>`);
  }
  clients.forEach((client, row) => {
    const y = AXIS_HEIGHT + row * ROW_HEIGHT;
    out.push(`<text x="${LABEL_WIDTH - 6}" y="${y + 15}" text-anchor="end">${escapeXml(client.client)}</text>`);
    const bucketMs = duration / BUCKETS;
    for (const run of runsOf(bucketStates(client.records, duration))) {
      const colour = run.state === 'failed' ? FAILURE_COLOUR : popColour(pops, run.state);
      const from = run.from * bucketMs;
      const to = (run.from + run.count) * bucketMs;
      out.push(
        `<rect class="served" data-client="${escapeXml(client.client)}" data-state="${escapeXml(run.state)}" x="${f(x(from))}" y="${y + 3}" width="${f(x(to) - x(from))}" height="${ROW_HEIGHT - 6}" fill="${colour}"><title>${escapeXml(`${client.client}: ${run.state === 'failed' ? 'requests failed' : `served by ${run.state}`}, ${Math.round(from)}-${Math.round(to)} ms`)}</title></rect>`,
      );
    }
  });
  const tickRow = (label: string, row: number, events: readonly { at_ms: number; text: string; good: boolean }[]): void => {
    const y = AXIS_HEIGHT + row * ROW_HEIGHT;
    out.push(`<text x="${LABEL_WIDTH - 6}" y="${y + 15}" text-anchor="end" fill="#444">${label}</text>`);
    for (const e of events) {
      out.push(`<line class="event" x1="${f(x(e.at_ms))}" x2="${f(x(e.at_ms))}" y1="${y + 3}" y2="${y + ROW_HEIGHT - 3}" stroke="${e.good ? '#2a7' : FAILURE_COLOUR}" stroke-width="2"><title>${escapeXml(`${e.at_ms} ms: ${e.text}`)}</title></line>`);
    }
  };
  tickRow('BGP', clients.length, report.timeline.bgp.map((b) => ({ at_ms: b.at_ms, text: `${b.router} - ${b.peer}: ${b.state}`, good: b.state === 'Established' })));
  tickRow('routes', clients.length + 1, report.timeline.routes.map((r) => ({ at_ms: r.at_ms, text: `${r.router} ${r.prefix} ${r.present ? 'present' : 'gone'}`, good: r.present })));
  out.push('</svg>');
  return out.join('\n');
}
