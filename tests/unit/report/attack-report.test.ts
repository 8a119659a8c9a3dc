import test from 'ava';
import type { AttackCounters } from '../../../contracts/agent-api.ts';
import type { AttackEvent, AttackReadings, BotReading } from '../../../orchestrator/src/measure/attack-impact.ts';
import type { RunTimeline } from '../../../orchestrator/src/measure/timeline.ts';
import { buildRunReport } from '../../../orchestrator/src/report/build-run-report.ts';
import { evaluateExpectation } from '../../../orchestrator/src/report/evaluate-expectation.ts';
import { renderJunitXml } from '../../../orchestrator/src/report/render-junit-xml.ts';
import { renderRunReportHtml } from '../../../orchestrator/src/report/render-report-html.ts';
import { renderReportJson } from '../../../orchestrator/src/report/render-report-json.ts';
import { renderReportTable } from '../../../orchestrator/src/report/render-report-table.ts';
import { parseScenario } from '../../../orchestrator/src/scenario/parse-scenario.ts';
import { scheduleChecks } from '../../../orchestrator/src/scenario/schedule-checks.ts';
import { stretch, timeline } from '../measure/synthetic.ts';
import { assertWellFormed } from './well-formed-xml.ts';

const START = 1_700_000_000_000;
const at = (ms: number): number => START + ms;

/** A flood from both botnets at 5 s for 10 s: west mitigates from its 2nd second, east from its 4th (by kernel drops). */
const scenario = parseScenario(
  `name: mini-attack
lab: ../mini.yaml
steps:
  - { at: 5s, attack: http-flood, id: flood, from: all, rate: 200/s, for: 10s }
  - { at: 14s, expect: attack-share, pop: west, min: 40%, max: 60% }
  - { at: 14s, expect: attack-spread, min-jain: 0.9, max-over-mean: 1.2 }
  - { at: 14s, expect: mitigated, pop: all, within: 3s }
  - { at: 14s, expect: mitigated, of: flood, pop: east, within: 2s }
  - { at: 14s, expect: origin-load, max: 20/s }
  - { at: 14s, expect: success-rate, min: 99% }
duration: 17s
`,
  'topology/scenarios/mini-attack.yaml',
);

const counters = (sent: number, byPop: AttackCounters['byPop']): AttackCounters => ({ sent, ok: 0, blocked: 0, errors: 0, timeouts: 0, skipped: 0, inFlight: 0, byPop });

function bot(node: string, pop: string, blocksFromS: number, answersUntilS = 10): BotReading[] {
  const readings: BotReading[] = [];
  let [received, blocked] = [0, 0];
  for (let s = 0; s < 10; s++) {
    if (s < answersUntilS) {
      received += 100;
      blocked += s >= blocksFromS ? 100 : 0;
    }
    readings.push({ atMs: at(5000 + s * 1000 + 500), attack: 'flood', node, counters: counters((s + 1) * 100, { [pop]: { received, blocked } }) });
  }
  return readings;
}

const event: AttackEvent = {
  id: 'flood', kind: 'http-flood', from: ['bots-east', 'bots-west'], rate: 200,
  startedAtMs: at(5000), endedAtMs: at(15_000), bots: [{ node: 'bots-west-1', botnet: 'bots-west' }, { node: 'bots-east-1', botnet: 'bots-east' }],
};
const readings: AttackReadings = {
  // east answers 3 s, then its kernel drops the rest: 100 packets a second.
  bots: [...bot('bots-west-1', 'west', 1), ...bot('bots-east-1', 'east', 99, 3)],
  edges: [
    { atMs: at(4000), pop: 'west', server: 'edge-1', droppedPackets: 0 },
    { atMs: at(4000), pop: 'east', server: 'edge-1', droppedPackets: 0 },
    ...[3, 4, 5, 6, 7, 8, 9].map((s) => ({ atMs: at(5000 + s * 1000 + 500), pop: 'east', server: 'edge-1', droppedPackets: (s - 2) * 100 })),
  ],
  origin: [0, 2, 4, 6, 8, 10, 12, 14].map((s) => ({ atMs: at(s * 1000), total: s * 5 })),
};
const run: RunTimeline = {
  startedAtMs: START,
  endedAtMs: at(17_000),
  clients: [
    { client: 'users-west', node: 'users-west-probe-1', records: timeline(stretch(0, 17_000, 'west')).map((r) => ({ ...r, sentAt: r.sentAt + START })) },
    { client: 'users-east', node: 'users-east-probe-1', records: timeline(stretch(0, 17_000, 'east')).map((r) => ({ ...r, sentAt: r.sentAt + START })) },
  ],
  faults: [],
  bgp: [],
  routes: [],
  attacks: [event],
  attackReadings: readings,
};
const measurements = { timeline: run, stableWindowMs: scenario.stableWindowMs, pops: ['west', 'east'] };
const results = scheduleChecks(scenario, 17_000).map((c) => evaluateExpectation(c, measurements));

test('attack expectations: share, spread, mitigation per PoP and for all, origin load, success rate over the attack', (t) => {
  t.deepEqual(results.map((r) => [r.name, r.passed, r.observed]), [
    ['at 14 s: attack-share west >= 40% and <= 60%', true, 50],
    ['at 14 s: attack-spread max/mean <= 1.2 and jain >= 0.9', true, 'max/mean 1, jain 1'],
    ['at 14 s: mitigated every PoP within 3 s', true, 3000],
    ['at 14 s: mitigated east within 2 s of flood', false, 3000],
    ['at 14 s: origin-load <= 20/s', true, 5],
    ['at 14 s: success-rate all clients >= 99%', true, 100],
  ]);
  t.is(results[2]!.detail, 'west 1000 ms, east 3000 ms');
  t.is(results[0]!.unit, '%');
});

test('an attack expectation on an attack that never started fails, saying so', (t) => {
  const [check] = scheduleChecks(scenario, 17_000).filter((c) => c.expectation.kind === 'mitigated');
  const result = evaluateExpectation(check!, { ...measurements, timeline: { ...run, attacks: [] } });
  t.false(result.passed);
  t.is(result.detail, 'attack flood was not started');
});

test('the report lists each attack per PoP and the origin before and during; table and JUnit show the same', (t) => {
  const report = buildRunReport({ scenario, timeline: run, results, pops: ['west', 'east'] });
  const json = JSON.parse(renderReportJson(report));
  t.deepEqual(json.attacks, [
    {
      id: 'flood',
      kind: 'http-flood',
      from: ['bots-east', 'bots-west'],
      rate: 200,
      at_ms: 5000,
      ended_at_ms: 15_000,
      sent: 2000,
      pops: [
        { name: 'west', received: 1000, blocked: 900, dropped: 0, served: 100, share: 0.5, time_to_mitigate_ms: 1000 },
        { name: 'east', received: 300, blocked: 0, dropped: 700, served: 300, share: 0.5, time_to_mitigate_ms: 3000 },
      ],
      spread: { jain: 1, max_over_mean: 1 },
    },
  ]);
  t.deepEqual(json.origin, { rps_before: 5, rps_during: 5 });
  const table = renderReportTable(report);
  t.regex(table, /attack flood \(http-flood\) from bots-east, bots-west at 200\/s, 5 s to 15 s: sent 2000/);
  t.regex(table, /west\s+1000\s+900\s+0\s+100\s+50\.0%\s+1 s/);
  t.regex(table, /east\s+300\s+0\s+700\s+300\s+50\.0%\s+3 s/);
  t.regex(table, /spread: max\/mean 1\.00, jain 1\.000/);
  t.regex(table, /origin: 5\/s before the attacks, 5\/s during/);
  const xml = renderJunitXml(report);
  t.notThrows(() => assertWellFormed(xml));
  t.regex(xml, /<system-out>attack flood \(http-flood\)[^<]*east\s+300\s+0\s+700[^<]*origin: 5\/s before/);
  t.regex(xml, /mitigated east within 2 s of flood[^]*observed 3 s, limit &lt;= 2000 ms/);
});

test('the HTML report shows each attack per PoP, the origin, and the attack on the timeline', (t) => {
  const html = renderRunReportHtml(buildRunReport({ scenario, timeline: run, results, pops: ['west', 'east'] }));
  const table = html.slice(html.indexOf('<table id="attacks">'), html.indexOf('</table>', html.indexOf('<table id="attacks">')));
  t.regex(table, /flood \(http-flood\)<br>from bots-east, bots-west at 200\/s<br>5 s to 15 s, sent 2000<br>Jain 1\.000, max\/mean 1\.00/);
  t.regex(table, /<td>west<\/td><td class="num">1000<\/td><td class="num">900<\/td><td class="num">0<\/td><td class="num">100<\/td><td class="num">50\.0%<\/td><td class="num">1 s<\/td>/);
  t.regex(table, /<td>east<\/td><td class="num">300<\/td><td class="num">0<\/td><td class="num">700<\/td>/);
  t.regex(html, /origin: 5\.0\/s before the attacks, 5\.0\/s during/);
  t.regex(html, /<rect class="attack" data-attack="flood"/);
});

test('a run without attacks reports none, and no dropped counters means not counted', (t) => {
  const without = buildRunReport({ scenario, timeline: { ...run, attacks: undefined, attackReadings: undefined }, results: [], pops: ['west', 'east'] });
  t.deepEqual(without.attacks, []);
  t.deepEqual(without.origin, { rps_before: null, rps_during: null });
  const uncounted = buildRunReport({ scenario, timeline: { ...run, attackReadings: { ...readings, edges: [] } }, results: [], pops: ['west', 'east'] });
  t.deepEqual(uncounted.attacks[0]!.pops.map((p) => p.dropped), [null, null]);
  t.regex(renderReportTable(uncounted), /east\s+300\s+0\s+not counted/);
});
