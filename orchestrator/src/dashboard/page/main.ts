import cytoscape, { type Core } from 'cytoscape';
import elk from 'cytoscape-elk';
import uPlot from 'uplot';
import {
  DASHBOARD_PATHS,
  SSE_EVENTS,
  type ActionAnswer,
  type ControlField,
  type DashboardView,
  type LoadPoint,
  type Mark,
  type Snapshot,
} from '../dashboard-api.ts';

/** The dashboard page: draws the view, follows the stream, sends the buttons' actions. */

cytoscape.use(elk);

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#d62728'];
const KIND_SHAPES: Record<string, cytoscape.Css.NodeShape> = { transit: 'round-rectangle', pop: 'hexagon', server: 'ellipse', client: 'rectangle', origin: 'star', botnet: 'vee' };
const MAX_POINTS = 600;
const MAX_MARKS_SHOWN = 200;

/** What the page shows, for scripts and the browser test (window.anycastLab): when each client's new PoP was drawn, the marks as received. */
interface PageProbe {
  view?: DashboardView;
  snapshots: number;
  catchment: Record<string, string | null>;
  shownAt: Record<string, number>;
  marks: Mark[];
}
const probe: PageProbe = { snapshots: 0, catchment: {}, shownAt: {}, marks: [] };
(window as unknown as { anycastLab: PageProbe }).anycastLab = probe;

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`page has no #${id}`);
  return element as T;
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) element.setAttribute(k, v);
  element.append(...children);
  return element;
}

const time = (ms: number): string => new Date(ms).toLocaleTimeString([], { hour12: false });

function setMessage(text: string, ok: boolean): void {
  const box = byId('message');
  box.textContent = text;
  box.style.color = ok ? '#0b6e4f' : '#b00020';
}

async function post(path: string, body: object): Promise<ActionAnswer> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({ ok: false, message: `HTTP ${response.status}` }))) as Partial<ActionAnswer>;
  return { ok: response.ok && answer.ok !== false, message: answer.message ?? `HTTP ${response.status}` };
}

async function act(question: string, path: string, body: object): Promise<void> {
  if (!window.confirm(question)) return;
  setMessage('working...', true);
  const answer = await post(path, body);
  setMessage(answer.message, answer.ok);
}

function drawGraph(view: DashboardView, colourOf: (pop: string) => string): Core {
  const container = byId('graph');
  const cy = cytoscape({
    container,
    elements: [
      ...view.graph.nodes.map((n) => ({ data: { id: n.id, label: n.kind === 'server' || n.kind === 'botnet' ? n.id : `${n.id}\n${n.detail}`, kind: n.kind, colour: n.kind === 'pop' ? colourOf(n.id) : '#ccc' }, classes: n.kind })),
      ...view.graph.links.map((l) => ({ data: { id: `${l.a}--${l.b}`, source: l.a, target: l.b, label: l.impairment }, classes: l.kind })),
    ],
    style: [
      { selector: 'node', style: { label: 'data(label)', 'text-wrap': 'wrap', 'font-size': 9, 'text-valign': 'bottom', 'background-color': 'data(colour)', width: 26, height: 26 } },
      ...Object.entries(KIND_SHAPES).map(([kind, shape]) => ({ selector: `node.${kind}`, style: { shape } })),
      { selector: 'node.server', style: { width: 14, height: 14 } },
      { selector: 'node.transit', style: { 'background-color': '#457b9d' } },
      { selector: 'node.origin', style: { 'background-color': '#e9c46a' } },
      { selector: 'node.botnet', style: { 'background-color': '#6d6875' } },
      { selector: 'node.down', style: { 'background-color': '#000', 'border-width': 3, 'border-color': '#d00000' } },
      { selector: 'node.faulted, edge.faulted', style: { 'underlay-color': '#d00000', 'underlay-opacity': 0.25, 'underlay-padding': 6 } },
      { selector: 'edge', style: { width: 2, 'line-color': '#bbb', label: 'data(label)', 'font-size': 8, 'curve-style': 'bezier' } },
      { selector: 'edge.bgp-down', style: { 'line-color': '#d00000', 'line-style': 'dashed' } },
      { selector: 'edge.bgp-partial', style: { 'line-color': '#f4a261', 'line-style': 'dashed' } },
      { selector: 'edge.path', style: { width: 5, 'line-color': 'data(pathColour)' } },
    ],
    layout: { name: 'elk', elk: { algorithm: 'layered', 'elk.direction': 'DOWN', 'elk.spacing.nodeNode': 40, 'elk.layered.spacing.nodeNodeBetweenLayers': 70 } } as cytoscape.LayoutOptions,
  });
  container.dataset['nodes'] = cy.nodes().map((n) => n.id()).sort().join(' ');
  return cy;
}

function applySnapshot(cy: Core, snapshot: Snapshot, colourOf: (pop: string) => string): void {
  cy.batch(() => {
    cy.elements().removeClass('path down faulted bgp-down bgp-partial');
    for (const c of snapshot.catchment) {
      const colour = c.pop ? colourOf(c.pop) : '#d00000';
      cy.getElementById(c.client).data('colour', colour);
      for (let i = 0; i + 1 < c.path.length; i += 1) {
        const a = c.path[i]!;
        const b = c.path[i + 1]!;
        const edge = cy.getElementById(`${a}--${b}`).nonempty() ? cy.getElementById(`${a}--${b}`) : cy.getElementById(`${b}--${a}`);
        edge.addClass('path').data('pathColour', colour);
      }
    }
    for (const l of snapshot.links) if (l.state !== 'established') cy.getElementById(l.link).addClass(l.state === 'down' ? 'bgp-down' : 'bgp-partial');
    for (const n of snapshot.down_nodes) cy.getElementById(n).addClass('down');
    for (const f of snapshot.faults) {
      for (const word of f.target.split(/[\s,]+/)) cy.getElementById(word).addClass('faulted');
    }
  });
}

function renderTables(view: DashboardView, snapshot: Snapshot, colourOf: (pop: string) => string): void {
  const catchment = byId<HTMLTableElement>('catchment').tBodies[0]!;
  catchment.replaceChildren(
    el('tr', {}, el('th', {}, 'client'), el('th', {}, 'PoP'), el('th', {}, 'probes answered')),
    ...snapshot.catchment.map((c) =>
      el('tr', { 'data-client': c.client }, el('td', {}, c.client), el('td', { class: 'pop' }, el('span', { class: 'swatch', style: `background:${c.pop ? colourOf(c.pop) : '#d00000'}` }), c.pop ?? 'none'), el('td', {}, `${c.answered}/${c.probes}`)),
    ),
  );
  const load = byId<HTMLTableElement>('load').tBodies[0]!;
  load.replaceChildren(
    el('tr', {}, el('th', {}, 'PoP'), el('th', {}, 'answered/s'), el('th', {}, 'attack/s'), el('th', {}, 'blocked/s')),
    ...snapshot.pops.map((p) => el('tr', { 'data-pop': p.pop }, el('td', {}, p.pop), el('td', {}, String(p.rps)), el('td', {}, String(p.attack_rps)), el('td', {}, String(p.blocked_rps)))),
  );
  const inForce = byId<HTMLTableElement>('in-force').tBodies[0]!;
  const live = view.mode === 'live';
  inForce.replaceChildren(
    ...snapshot.faults.map((f) => {
      const button = el('button', { 'data-revert': f.id }, 'Revert');
      button.addEventListener('click', () => void act(`Take back ${f.kind} ${f.target}?`, DASHBOARD_PATHS.faultRevert.replace(':id', encodeURIComponent(f.id)), {}));
      return el('tr', {}, el('td', {}, `fault ${f.id}`), el('td', {}, `${f.kind} ${f.target}`), el('td', {}, live ? button : ''));
    }),
    ...snapshot.attacks.map((a) => {
      const button = el('button', { 'data-stop': a.id }, 'Stop');
      button.addEventListener('click', () => void act(`Stop attack ${a.id}?`, DASHBOARD_PATHS.attackStop.replace(':id', encodeURIComponent(a.id)), {}));
      return el('tr', {}, el('td', {}, `attack ${a.id}`), el('td', {}, `${a.kind} from ${a.from.join(', ')}: ${a.state}, ${a.sent} sent`), el('td', {}, live && a.state === 'running' ? button : ''));
    }),
  );
}

function fieldInputs(box: HTMLElement, fields: readonly ControlField[]): void {
  box.replaceChildren(...fields.map((f) => el('input', { name: f.name, placeholder: `${f.name}${f.required ? '' : '?'} ${f.hint}`, title: f.doc })));
}

function readFields(box: HTMLElement): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const input of box.querySelectorAll('input')) if (input.value.trim() !== '') fields[input.name] = input.value.trim();
  return fields;
}

function wireControls(view: DashboardView): void {
  if (view.mode !== 'live') {
    byId('controls').style.display = 'none';
    return;
  }
  const faultKind = byId<HTMLSelectElement>('fault-kind');
  faultKind.replaceChildren(...view.faults.map((f) => el('option', { value: f.kind, title: f.description }, f.kind)));
  const syncFault = (): void => {
    const control = view.faults.find((f) => f.kind === faultKind.value);
    byId<HTMLInputElement>('fault-target').placeholder = control?.target || 'no target';
    fieldInputs(byId('fault-fields'), control?.fields ?? []);
  };
  faultKind.addEventListener('change', syncFault);
  syncFault();
  byId('fault-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const target = byId<HTMLInputElement>('fault-target').value.trim().split(/\s+/).filter(Boolean);
    void act(`Inject ${faultKind.value} ${target.join(' ')}?`, DASHBOARD_PATHS.faults, { kind: faultKind.value, target, fields: readFields(byId('fault-fields')) });
  });
  const attackKind = byId<HTMLSelectElement>('attack-kind');
  attackKind.replaceChildren(...view.attacks.map((a) => el('option', { value: a.kind, title: a.description }, a.kind)));
  byId('attack-from').replaceChildren(el('option', { value: 'all' }, 'all botnets'), ...view.botnets.map((b) => el('option', { value: b }, b)));
  const syncAttack = (): void => fieldInputs(byId('attack-fields'), view.attacks.find((a) => a.kind === attackKind.value)?.fields ?? []);
  attackKind.addEventListener('change', syncAttack);
  syncAttack();
  byId('attack-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const from = byId<HTMLSelectElement>('attack-from').value;
    void act(`Start ${attackKind.value} from ${from}?`, DASHBOARD_PATHS.attacks, { kind: attackKind.value, from: [from], fields: readFields(byId('attack-fields')) });
  });
}

const MARK_COLOURS: Record<string, string> = { fault: '#d00000', revert: '#2a9d8f', attack: '#6d6875', 'attack-end': '#b5b5b5', catchment: '#0b6e4f', bgp: '#f4a261', node: '#000' };

function makeChart(pops: readonly string[], colourOf: (pop: string) => string, marks: () => readonly Mark[]): { chart: uPlot; data: number[][] } {
  const data: number[][] = [[], ...pops.map(() => []), [], []];
  const chart = new uPlot(
    {
      width: Math.max(600, byId('chart').clientWidth || 900),
      height: 220,
      series: [{}, ...pops.map((p) => ({ label: `${p} answered/s`, stroke: colourOf(p), width: 2 })), { label: 'blocked/s (all PoPs)', stroke: '#d00000', dash: [4, 4] }, { label: 'attack/s (all PoPs)', stroke: '#6d2e8c', dash: [2, 3] }],
      axes: [{}, { label: 'per second' }],
      hooks: {
        draw: [
          (u: uPlot) => {
            const ctx = u.ctx;
            const [min, max] = [u.scales['x']?.min ?? 0, u.scales['x']?.max ?? 0];
            for (const m of marks()) {
              const x = m.at_ms / 1000;
              if (x < min || x > max) continue;
              const px = u.valToPos(x, 'x', true);
              ctx.save();
              ctx.strokeStyle = MARK_COLOURS[m.kind] ?? '#999';
              ctx.lineWidth = m.kind === 'fault' || m.kind === 'attack' ? 2 : 1;
              ctx.beginPath();
              ctx.moveTo(px, u.bbox.top);
              ctx.lineTo(px, u.bbox.top + u.bbox.height);
              ctx.stroke();
              ctx.restore();
            }
          },
        ],
      },
    },
    data as uPlot.AlignedData,
    byId('chart'),
  );
  return { chart, data };
}

function addMark(mark: Mark): void {
  probe.marks.push(mark);
  if (probe.marks.length > 2000) probe.marks.shift();
  const since = mark.since_fault_ms !== undefined ? ` (${(mark.since_fault_ms / 1000).toFixed(2)} s after the last fault or revert)` : '';
  const list = byId('marks');
  list.prepend(el('li', { class: mark.kind }, `${time(mark.at_ms)} ${mark.kind}: ${mark.text}${since}`));
  while (list.children.length > MAX_MARKS_SHOWN) list.lastElementChild?.remove();
}

async function main(): Promise<void> {
  const view = (await (await fetch(DASHBOARD_PATHS.view)).json()) as DashboardView;
  probe.view = view;
  const pops = view.graph.nodes.filter((n) => n.kind === 'pop').map((n) => n.id);
  const colourOf = (pop: string): string => PALETTE[Math.max(0, pops.indexOf(pop)) % PALETTE.length]!;
  const cy = drawGraph(view, colourOf);
  wireControls(view);
  const { chart, data } = makeChart(pops, colourOf, () => probe.marks);
  const status = byId('status');
  const events = new EventSource(DASHBOARD_PATHS.events);
  events.addEventListener('open', () => (status.textContent = view.mode === 'live' ? `live: lab ${view.lab}` : `replay: ${view.title}`));
  events.addEventListener('error', () => (status.textContent = 'reconnecting...'));
  const pushLoad = (point: LoadPoint): void => {
    data[0]!.push(point.at_ms / 1000);
    pops.forEach((p, i) => data[i + 1]!.push(point.pops.find((x) => x.pop === p)?.rps ?? 0));
    data[pops.length + 1]!.push(point.pops.reduce((n, p) => n + p.blocked_rps, 0));
    data[pops.length + 2]!.push(point.pops.reduce((n, p) => n + (p.attack_rps ?? 0), 0));
    if (data[0]!.length > MAX_POINTS) for (const series of data) series.shift();
  };
  events.addEventListener(SSE_EVENTS.history, (event) => {
    // Sent first on every (re)connection, with every mark so far after it: start again.
    for (const series of data) series.length = 0;
    probe.marks.length = 0;
    byId('marks').replaceChildren();
    for (const point of JSON.parse((event as MessageEvent<string>).data) as LoadPoint[]) pushLoad(point);
    chart.setData(data as uPlot.AlignedData);
  });
  events.addEventListener(SSE_EVENTS.end, () => {
    events.close();
    status.textContent = 'replay ended';
  });
  events.addEventListener(SSE_EVENTS.mark, (event) => {
    const mark = JSON.parse((event as MessageEvent<string>).data) as Mark;
    addMark(mark);
    chart.redraw(false, false);
  });
  events.addEventListener(SSE_EVENTS.snapshot, (event) => {
    const snapshot = JSON.parse((event as MessageEvent<string>).data) as Snapshot;
    applySnapshot(cy, snapshot, colourOf);
    const prometheus = byId<HTMLAnchorElement>('prometheus');
    prometheus.hidden = snapshot.prometheus_url === null;
    if (snapshot.prometheus_url !== null && prometheus.href !== `${snapshot.prometheus_url}/`) {
      prometheus.href = `${snapshot.prometheus_url}/`;
      prometheus.textContent = `Prometheus ${snapshot.prometheus_url}`;
    }
    renderTables(view, snapshot, colourOf);
    const now = Date.now();
    for (const c of snapshot.catchment) {
      if (probe.catchment[c.client] !== c.pop) probe.shownAt[c.client] = now;
      probe.catchment[c.client] = c.pop;
    }
    probe.snapshots += 1;
    document.body.dataset['snapshots'] = String(probe.snapshots);
    pushLoad({ at_ms: snapshot.at_ms, pops: snapshot.pops });
    chart.setData(data as uPlot.AlignedData);
  });
}

void main().catch((error: unknown) => {
  byId('status').textContent = `failed: ${error instanceof Error ? error.message : String(error)}`;
});
