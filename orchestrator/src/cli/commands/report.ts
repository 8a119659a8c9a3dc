import { writeFile } from 'node:fs/promises';
import { readRunReportFile } from '../../report/read-run-report.ts';
import { renderRunReportHtml } from '../../report/render-report-html.ts';
import { renderReportTable } from '../../report/render-report-table.ts';
import { usageError } from '../args.ts';
import { defineCommand } from '../command.ts';

export const reportCommand = defineCommand({
  name: 'report',
  summary: 'show a finished chaos run again, or draw it as a self-contained HTML page',
  usage: 'RUN.json [flags]',
  flags: {
    html: { type: 'string', value: 'FILE', help: 'write the run as one HTML page (timeline, per-client results, per-PoP load, faults, expectations) to FILE' },
  },
  details: `RUN.json is the report of \`anycast-lab chaos run SCENARIO --json RUN.json\`. Without --html the
report is printed as the table chaos run printed. The HTML page needs nothing from the network.
Offline: no Docker needed.`,
  async run({ values, positionals }) {
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) throw usageError('report', 'name one run report (the file of `chaos run SCENARIO --json FILE`)');
    const report = await readRunReportFile(file);
    if (values.html) {
      await writeFile(values.html, renderRunReportHtml(report));
      process.stdout.write(`wrote ${values.html}: ${report.scenario} ${report.passed ? 'passed' : 'failed'}\n`);
    } else {
      process.stdout.write(renderReportTable(report));
    }
    return 0;
  },
});
