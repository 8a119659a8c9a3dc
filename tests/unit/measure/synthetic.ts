import type { ProbeOutcome, ProbeRecord } from '../../../contracts/agent-api.ts';

/** What answered a stretch of requests: a PoP name, or a failure outcome. */
export type Answer = string | Exclude<ProbeOutcome, 'ok'>;

const FAILURES: ReadonlySet<string> = new Set(['timeout', 'refused', 'reset', 'http-error', 'unreachable', 'error']);

/**
 * Requests at a fixed rate in [fromMs, toMs), all with the same answer. Concatenate stretches to
 * make a timeline: `[...stretch(0, 5000, 'tokyo'), ...stretch(5000, 5300, 'timeout')]`.
 */
export function stretch(fromMs: number, toMs: number, answer: Answer, ratePerS = 50, latencyMs = 10): ProbeRecord[] {
  const step = 1000 / ratePerS;
  const records: ProbeRecord[] = [];
  for (let t = fromMs; t < toMs; t += step) {
    const sentAt = Math.round(t);
    records.push(
      FAILURES.has(answer)
        ? { seq: 0, sentAt, outcome: answer as ProbeOutcome, latencyMs: answer === 'timeout' ? 1000 : 1 }
        : { seq: 0, sentAt, outcome: 'ok', latencyMs, status: 200, pop: answer, server: 'edge-1' },
    );
  }
  return records;
}

/** Concatenates stretches and numbers them in order. */
export function timeline(...stretches: ProbeRecord[][]): ProbeRecord[] {
  return stretches.flat().map((r, seq) => ({ ...r, seq }));
}
