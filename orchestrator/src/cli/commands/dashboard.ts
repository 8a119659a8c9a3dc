import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { readScenarioFile } from '../../chaos/load-scenario.ts';
import type { DashboardView } from '../../dashboard/dashboard-api.ts';
import { buildDashboardPage } from '../../dashboard/dashboard-page.ts';
import { buildDashboardServer } from '../../dashboard/dashboard-server.ts';
import { Feed } from '../../dashboard/feed.ts';
import { LiveLabFeed } from '../../dashboard/live-lab-feed.ts';
import { ReplayFeed } from '../../dashboard/replay-feed.ts';
import { replayFrames } from '../../dashboard/replay-frames.ts';
import { AnycastLabError } from '../../errors.ts';
import { buildTopologyGraph } from '../../graph/topology-graph.ts';
import { checkLabMatches, loadLabPlan } from '../../lab/lab-plan.ts';
import { loadTopology } from '../../model/topology.ts';
import { readRunReportFile } from '../../report/read-run-report.ts';
import type { RunReport } from '../../report/types.ts';
import { usageError } from '../args.ts';
import { defineCommand, LAB_FLAG } from '../command.ts';
import { connectRuntime, DEFAULT_TOPOLOGY, resolveLab } from '../context.ts';
import { attackControls, faultControls, LabControls } from '../dashboard-controls.ts';
import { EXIT } from '../exit-codes.ts';
import { abortOnInterrupt } from '../interrupt.ts';
import { streamProgress } from '../../progress.ts';

const DEFAULT_PORT = 8080;

function portFlag(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) throw usageError('dashboard', `--port ${text.slice(0, 20)}: expected a TCP port, 0..65535 (0: any free one)`);
  return port;
}

function hostFlag(text: string | undefined): string {
  const host = text ?? '127.0.0.1';
  if (host !== 'localhost' && isIP(host) === 0) throw usageError('dashboard', `--host ${host.slice(0, 40)}: expected an address of this machine (e.g. 127.0.0.1, 0.0.0.0)`);
  return host;
}

const isLoopback = (host: string): boolean => host === 'localhost' || host.startsWith('127.') || host === '::1';

async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    return await app.listen({ host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new AnycastLabError('USAGE', `port ${port} on ${host} is in use (another dashboard?): choose one with --port`);
    if (code === 'EADDRNOTAVAIL') throw new AnycastLabError('USAGE', `${host} is not an address of this machine (--host)`);
    if (code === 'EACCES') throw new AnycastLabError('USAGE', `port ${port} on ${host} needs privileges this process does not have: choose one above 1023 with --port`);
    throw error;
  }
}

/** The topology a replayed run was made on: the one named, else the scenario's own (if its file is still there). */
async function replayTopology(report: RunReport, named: string | undefined): Promise<string> {
  if (named) return named;
  const scenario = await readScenarioFile(report.file).catch(() => undefined);
  if (!scenario) throw usageError('dashboard', `the scenario of this run (${report.file}) cannot be read: name its topology (dashboard TOPOLOGY --replay RUN.json)`);
  return scenario.lab;
}

const waitForAbort = (signal: AbortSignal): Promise<void> => new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

export const dashboardCommand = defineCommand({
  name: 'dashboard',
  summary: 'a live page of a running lab (graph, catchment, load, timeline, buttons for faults and attacks), or the replay of a finished run',
  usage: '[TOPOLOGY] [--lab LAB] [--port 8080] [--host 127.0.0.1] [--replay RUN.json [--speed N]]',
  flags: {
    ...LAB_FLAG,
    port: { type: 'string', value: 'PORT', help: `TCP port (default ${DEFAULT_PORT}; 0: any free one)` },
    host: { type: 'string', value: 'ADDRESS', help: 'address to listen on (default 127.0.0.1; anything else lets other machines break the lab: a warning is printed)' },
    replay: { type: 'string', value: 'RUN.json', help: 'play a finished chaos run (`chaos run SCENARIO --json RUN.json`) instead of a live lab; no Docker needed' },
    speed: { type: 'string', value: 'N', help: 'replay: times faster than the run was (default 1, at most 100)' },
  },
  details: `TOPOLOGY defaults to ${DEFAULT_TOPOLOGY} (live), or to the replayed run's scenario's topology.
Live: catchment is read from the probes every ${0.4} s, load from the edges' /metrics every second,
BGP sessions every 5 s (a docker exec per router, two at a time); changes reach the page by
server-sent events. Buttons inject faults and start attacks as \`fault\` and \`attack start\` do,
after a confirmation; faults stay in force when the dashboard stops (\`fault list\`), flaps it
started are brought up. Stop with Ctrl-C.`,
  async run({ values, positionals }) {
    if (positionals.length > 1) throw usageError('dashboard', 'name one topology file');
    const port = portFlag(values.port);
    const host = hostFlag(values.host);
    const speed = values.speed === undefined ? 1 : Number(values.speed);
    if (!(speed > 0 && speed <= 100)) throw usageError('dashboard', `--speed ${String(values.speed).slice(0, 20)}: expected a number above 0, at most 100`);
    if (values.speed !== undefined && values.replay === undefined) throw usageError('dashboard', '--speed goes with --replay');
    const feed = new Feed();
    const progress = streamProgress();
    const interrupt = abortOnInterrupt({ cleaning: 'stopping the dashboard', leftover: () => 'faults it injected stay in force (`anycast-lab fault list`); flaps it started may be left down' });
    // Taken down in this order: no new action (the server), the flaps it started, the readings.
    const closing: (() => Promise<void>)[] = [];
    try {
      let view: DashboardView;
      let controls: LabControls | undefined;
      if (values.replay !== undefined) {
        if (values.lab !== undefined) throw usageError('dashboard', '--lab and --replay: a replay shows a finished run, not a lab');
        const report = await readRunReportFile(values.replay);
        const graph = buildTopologyGraph(await loadTopology(await replayTopology(report, positionals[0])));
        view = { mode: 'replay', lab: graph.lab, title: `${report.scenario} (${report.passed ? 'passed' : 'failed'}, ${report.started_at})`, graph, botnets: [], faults: [], attacks: [] };
        const replay = new ReplayFeed(replayFrames(report, graph), feed, speed);
        closing.push(async () => replay.stop());
        replay.start();
      } else {
        const runtime = await connectRuntime();
        const lab = await resolveLab(runtime, values.lab);
        const plan = await loadLabPlan(runtime, positionals[0] ?? DEFAULT_TOPOLOGY, { lab });
        await checkLabMatches(runtime, plan);
        const graph = buildTopologyGraph(plan.topology);
        view = { mode: 'live', lab, title: `lab ${lab}`, graph, botnets: plan.topology.botnets.map((b) => b.name), faults: faultControls(), attacks: attackControls() };
        const live = new LiveLabFeed(runtime, lab, graph, feed);
        closing.push(() => live.stop());
        controls = new LabControls(runtime, plan, (message) => progress.warn(message));
        const opened = controls;
        closing.unshift(() => opened.close());
        await live.start();
      }
      const page = await buildDashboardPage(view.title);
      const app = buildDashboardServer({ view, feed, page, ...(controls ? { controls } : {}) });
      closing.unshift(() => app.close());
      const address = await listen(app, host, port);
      if (!isLoopback(host)) progress.warn(`warning: the dashboard listens on ${host}: anyone who reaches it can inject faults and start attacks in the lab`);
      process.stdout.write(`dashboard of ${view.title}: ${address}/ (Ctrl-C stops it)\n`);
      await waitForAbort(interrupt.signal);
    } finally {
      for (const close of closing) await close().catch((error: unknown) => progress.warn(`stopping the dashboard: ${error instanceof Error ? error.message : String(error)}`));
      interrupt.release();
    }
    return EXIT.ok;
  },
});
