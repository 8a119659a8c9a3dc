import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.ts';
import { DASHBOARD_PATHS } from './dashboard-api.ts';

/** The page's own script (dashboard/page/main.ts with cytoscape, ELK and uPlot), bundled by `npx anycast-lab bundle`. */
const PAGE_SCRIPT = 'orchestrator/dist/dashboard.js';
const UPLOT_CSS = 'node_modules/uplot/dist/uPlot.min.css';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The one HTML page; everything it shows is drawn by its script from the API. */
export function renderDashboardPage(title: string, chartCss: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - anycast-lab dashboard</title>
<style>${chartCss}</style>
<style>
body { font: 14px system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
header { padding: 8px 16px; background: #1d3557; color: #fff; display: flex; gap: 16px; align-items: baseline; }
header h1 { font-size: 18px; margin: 0; }
#status { font-size: 12px; opacity: .8; }
#prometheus { font-size: 12px; color: #fff; margin-left: auto; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(320px, 2fr); gap: 12px; padding: 12px; }
section { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; }
h2 { font-size: 14px; margin: 4px 0 8px; }
#graph { height: 560px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
td, th { text-align: left; padding: 2px 6px; border-bottom: 1px solid #eee; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
form { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-bottom: 6px; }
input, select, button { font: inherit; }
input { width: 110px; }
#marks { max-height: 220px; overflow-y: auto; font-size: 12px; }
#marks li.catchment { color: #0b6e4f; } #marks li.fault, #marks li.attack { color: #b00020; }
#message { font-size: 12px; min-height: 1em; }
</style>
</head>
<body>
<header><h1 id="title">${escapeHtml(title)}</h1><span id="status">connecting</span><a id="prometheus" hidden target="_blank" rel="noopener">Prometheus</a></header>
<main>
  <section><h2>Topology and catchment</h2><div id="graph"></div></section>
  <div>
    <section><h2>Catchment</h2><table id="catchment"><tbody></tbody></table></section>
    <section><h2>Load per PoP</h2><table id="load"><tbody></tbody></table></section>
    <section id="controls"><h2>Break it</h2>
      <form id="fault-form"><select id="fault-kind" name="kind"></select><input id="fault-target" name="target" placeholder="target"><span id="fault-fields"></span><button type="submit">Inject</button></form>
      <form id="attack-form"><select id="attack-kind" name="kind"></select><select id="attack-from" name="from"></select><span id="attack-fields"></span><button type="submit">Start</button></form>
      <table id="in-force"><tbody></tbody></table>
      <div id="message"></div>
    </section>
  </div>
  <section style="grid-column: 1 / -1"><h2>Timeline</h2><div id="chart"></div><ul id="marks"></ul></section>
</main>
<script src="${DASHBOARD_PATHS.script}"></script>
</body>
</html>
`;
}

/** The page and its script, read once per dashboard. */
export async function buildDashboardPage(title: string): Promise<{ html: string; script: string }> {
  const [script, css] = await Promise.all([readFile(join(PROJECT_ROOT, PAGE_SCRIPT), 'utf8'), readFile(join(PROJECT_ROOT, UPLOT_CSS), 'utf8')]);
  return { html: renderDashboardPage(title, css), script };
}
