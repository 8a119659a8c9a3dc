import { explainClient } from '../../lab/explain.ts';
import { readLabStatus } from '../../lab/status.ts';
import { readFile } from 'node:fs/promises';
import { describeCheck, type LabView, type ReportFile } from '../../lesson/lesson-checks.ts';
import { findLesson, loadLessons } from '../../lesson/load-lessons.ts';
import { runChecks, type CheckResult } from '../../lesson/run-checks.ts';
import { containerName } from '../../render/resource-names.ts';
import type { ContainerRuntime } from '../../runtime/runtime.ts';
import { usageError } from '../args.ts';
import { defineCommand, JSON_FLAG, LAB_FLAG } from '../command.ts';
import { connectRuntime, resolveLab } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { renderTable } from '../table.ts';

async function serviceAddress(runtime: ContainerRuntime, lab: string, client: string): Promise<string> {
  const env = await runtime.exec(containerName(lab, client), ['printenv', 'LAB_SERVICE_ADDR'], { timeoutMs: 5000 }).catch(() => undefined);
  return env?.stdout.trim() || '198.51.100.10';
}

async function readReport(file: string): Promise<ReportFile> {
  try {
    return { json: JSON.parse(await readFile(file, 'utf8')) as unknown };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `${file} does not exist (run the lesson's \`chaos run ... --json ${file}\` first)` : `${file}: ${(error as Error).message}` };
  }
}

/** What the checks read, from the running lab; `explain` only for the clients a check asks about, reports only those named. */
function labViewReader(runtime: ContainerRuntime, lab: string, explainClients: readonly string[], reportFiles: readonly string[]): () => Promise<LabView> {
  return async () => {
    const status = await readLabStatus(runtime, lab);
    const landsOn = new Map<string, string | null>();
    for (const client of explainClients) {
      const hops = await explainClient(runtime, lab, client, await serviceAddress(runtime, lab, client)).catch(() => []);
      const last = hops.at(-1);
      landsOn.set(client, last?.paths.some((p) => p.best) ? last.router : null);
    }
    const reports = new Map<string, ReportFile>();
    for (const file of reportFiles) reports.set(file, await readReport(file));
    return { status, landsOn, reports };
  };
}

const line = (r: CheckResult): string => `${r.passed ? 'PASS' : 'FAIL'}  ${r.name}: ${r.message}${r.passed ? '' : ` (seen: ${r.observed})`}\n`;

export const lessonCommand = defineCommand({
  name: 'lesson',
  summary: 'list the lessons in docs/lessons, or check a lesson against a running lab',
  usage: 'list [flags]\ncheck N [flags]',
  flags: { ...LAB_FLAG, ...JSON_FLAG },
  details: `Each lesson (docs/lessons/NN-name.md) declares checks in its front block: a catchment, the PoP
\`explain\` lands on, a BGP session state, a prefix count, a node state. \`lesson check N\` retries each
check until it passes or its wait runs out (a \`report\` check reads a figure of a \`chaos run --json\` file), and prints PASS or FAIL with the lesson's message.
Exit code 0 when every check passed, 1 when one failed, 2 when the lesson has no checks.`,
  async run({ values, positionals }) {
    const [sub, arg, ...extra] = positionals;
    if (sub === 'list' && arg === undefined) {
      const lessons = await loadLessons();
      if (values.json) {
        const rows = lessons.map((l) => ({ number: l.number, title: l.title, file: l.file, topology: l.topology, checks: l.checks.map((c) => ({ name: c.name, check: describeCheck(c.check), wait_ms: c.waitMs })) }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      } else {
        process.stdout.write(`${renderTable(['lesson', 'title', 'checks', 'file'], lessons.map((l) => [String(l.number), l.title, String(l.checks.length), l.file]))}\n`);
      }
      return EXIT.ok;
    }
    if (sub !== 'check' || arg === undefined || extra.length > 0 || !/^\d+$/.test(arg)) throw usageError('lesson', 'expected `lesson list` or `lesson check N`');
    const lesson = await findLesson(Number(arg));
    if (lesson.checks.length === 0) {
      process.stderr.write(`lesson ${lesson.number} (${lesson.title}) has no checks\n`);
      return EXIT.usage;
    }
    const runtime = await connectRuntime();
    const lab = await resolveLab(runtime, values.lab);
    const explainClients = [...new Set(lesson.checks.flatMap((c) => (c.check.kind === 'explain' ? [c.check.client] : [])))];
    const reportFiles = [...new Set(lesson.checks.flatMap((c) => (c.check.kind === 'report' ? [c.check.file] : [])))];
    if (!values.json) process.stdout.write(`lesson ${lesson.number}: ${lesson.title} (lab ${lab})\n`);
    const results = await runChecks(lesson.checks, labViewReader(runtime, lab, explainClients, reportFiles), {
      onResult: (r) => {
        if (!values.json) process.stdout.write(line(r));
      },
    });
    const passed = results.every((r) => r.passed);
    if (values.json) process.stdout.write(`${JSON.stringify({ lesson: lesson.number, lab, passed, checks: results.map((r) => ({ name: r.name, passed: r.passed, observed: r.observed, message: r.message, waited_ms: r.waitedMs })) }, null, 2)}\n`);
    else process.stdout.write(`${results.filter((r) => r.passed).length} of ${results.length} checks passed\n`);
    return passed ? EXIT.ok : EXIT.failed;
  },
});
