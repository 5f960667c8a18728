/**
 * The Timeline page: draws what the panel posts with uPlot (a small, fast canvas chart for time
 * series), one line per entity; a click or Enter on a period opens its concordance beside and
 * lists its articles. Names and headlines go in as text only.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Timeline } from '../../server/src/protocol';
import type { FromTimelinePage, Measure, TimelineState, ToTimelinePage } from '../src/panels/timelineMessages';
import { isolate } from '../src/labels';
import { analysisPage } from './shared/analysisPage';
import { byId as $, themeColour } from './shared/dom';

const channel = analysisPage<ToTimelinePage, FromTimelinePage, TimelineState>('list-items');
const { status, articles } = channel;
const chartBox = $<HTMLDivElement>('chart');
const listBox = $<HTMLElement>('list');
const listTitle = $<HTMLHeadingElement>('list-title');
const listTabs = $<HTMLDivElement>('list-tabs');
const listMore = $<HTMLButtonElement>('list-more');

/** Series colours: the theme's chart colours. */
const PALETTE = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'].map((c) => themeColour(`--vscode-charts-${c}`, '#888'));
const colourOf = (i: number) => PALETTE[i % PALETTE.length];

let state: TimelineState | undefined = channel.saved;
let data: Timeline | undefined;
let plot: uPlot | undefined;
/** The period selected (an index into `data.periods`), and the entity whose articles are listed. */
let selected: number | undefined;
let listed: { id: string; period: string; from?: string; to?: string; shown: number } | undefined;

function setPressed(): void {
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-granularity]'))) b.setAttribute('aria-pressed', String(b.dataset.granularity === state?.granularity));
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-measure]'))) b.setAttribute('aria-pressed', String(b.dataset.measure === state?.measure));
}

function chips(t: Timeline): void {
  const box = $<HTMLSpanElement>('entities');
  box.replaceChildren();
  t.series.forEach((s, i) => {
    const chip = document.createElement('span');
    chip.className = 'chip';
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colourOf(i);
    const name = document.createElement('span');
    // Isolated: an Arabic name beside Latin text keeps each in its own order.
    name.textContent = s.en ? `${isolate(s.ar)} (${s.en})` : isolate(s.ar);
    const remove = document.createElement('button');
    remove.className = 'remove';
    remove.textContent = '×';
    remove.title = `Remove ${s.en ?? s.ar}`;
    remove.setAttribute('aria-label', `Remove ${s.en ?? s.ar}`);
    remove.addEventListener('click', () => channel.post({ type: 'remove', id: s.id }));
    chip.append(swatch, name, remove);
    box.append(chip);
  });
}

const valuesOf = (t: Timeline, measure: Measure) => t.series.map((s) => (measure === 'mentions' ? s.mentions : s.articles));
const word = (measure: Measure, n: number) => `${n.toLocaleString('en')} ${measure === 'mentions' ? (n === 1 ? 'mention' : 'mentions') : n === 1 ? 'article' : 'articles'}`;

function draw(): void {
  plot?.destroy();
  plot = undefined;
  if (!data || !state) return;
  const t = data;
  const measure = state.measure;
  if (t.periods.length === 0) {
    status.textContent = t.series.length === 0 ? 'Add an entity to see when it is named.' : 'No dated article names these entities.';
    return;
  }
  status.textContent = `${t.series.map((s) => `${isolate(s.ar)}: ${word(measure, measure === 'mentions' ? s.total.mentions : s.total.articles)}`).join(' · ')} — per ${t.granularity}, ${t.periods[0].key} to ${t.periods[t.periods.length - 1].key}`;
  const xs = t.periods.map((_, i) => i);
  const axisColour = themeColour('--vscode-foreground', '#888');
  const gridColour = themeColour('--vscode-editorWidget-border', '#8884');
  const opts: uPlot.Options = {
    width: Math.max(300, chartBox.clientWidth),
    height: Math.max(220, Math.min(420, window.innerHeight - 260)),
    scales: { x: { time: false } },
    legend: { show: false },
    cursor: { points: { size: 8 }, drag: { x: false, y: false } },
    axes: [
      {
        stroke: axisColour,
        grid: { stroke: gridColour, width: 1 },
        values: (_u, splits) => splits.map((v) => (Number.isInteger(v) && t.periods[v] ? t.periods[v].key : '')),
      },
      { stroke: axisColour, grid: { stroke: gridColour, width: 1 }, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
    ],
    series: [
      {},
      ...t.series.map((s, i) => ({
        label: s.ar,
        stroke: colourOf(i),
        width: 2,
        fill: t.series.length === 1 ? `${colourOf(i)}33` : undefined,
        points: { show: t.periods.length <= 60 },
      })),
    ],
    hooks: { setCursor: [(u) => describe(u.cursor.idx ?? undefined)] },
  };
  plot = new uPlot(opts, [xs, ...valuesOf(t, measure)], chartBox);
  plot.over.addEventListener('click', () => {
    const i = plot?.cursor.idx;
    if (i !== undefined && i !== null) choose(i);
  });
  if (selected !== undefined && selected < t.periods.length) mark(selected);
}

/** The figures of a period, for the status line (screen readers hear it). */
function describe(i: number | undefined): void {
  if (!data || !state || i === undefined || !data.periods[i]) return;
  const p = data.periods[i];
  const measure = state.measure;
  const figures = data.series.map((s) => `${isolate(s.ar)}: ${word(measure, measure === 'mentions' ? s.mentions[i] : s.articles[i])}`);
  status.textContent = `${p.key}: ${figures.join(' · ')} (of ${word('articles', p.corpusArticles)} in the corpus)`;
}

/** Moves the chart's cursor to a period. */
function mark(i: number): void {
  if (!plot) return;
  plot.setCursor({ left: plot.valToPos(i, 'x'), top: 10 });
  describe(i);
}

/** Selects a period: the concordance of the first entity named in it opens beside, and its articles are listed. */
function choose(i: number): void {
  if (!data) return;
  selected = i;
  mark(i);
  const named = data.series.find((s) => s.articles[i] > 0) ?? data.series[0];
  if (named) list(named.id, data.periods[i].key, true);
}

/** Lists an entity's articles of a period (or the undated ones); `concordance`: opens its lines of the period too. */
function list(id: string, period: string, concordance = false): void {
  if (!data) return;
  const p = data.periods.find((x) => x.key === period);
  listed = { id, period, from: p?.from, to: p?.to, shown: 0 };
  channel.post({ type: 'period', id, period, from: p?.from, to: p?.to });
  if (concordance && p) channel.post({ type: 'concordance', id, from: p.from, to: p.to });
}

function undatedLine(t: Timeline): void {
  const box = $<HTMLParagraphElement>('undated');
  box.replaceChildren();
  const named = t.series.filter((s) => s.undated.articles > 0);
  if (named.length === 0) return;
  box.append(`Undated (${word('articles', t.undatedCorpusArticles)} in the corpus, not charted): `);
  named.forEach((s, i) => {
    const b = document.createElement('button');
    b.className = 'link';
    b.textContent = `${isolate(s.ar)} — ${word('articles', s.undated.articles)}, ${word('mentions', s.undated.mentions)}`;
    b.addEventListener('click', () => list(s.id, 'undated'));
    if (i > 0) box.append(' · ');
    box.append(b);
  });
}

function tabs(id: string, period: string): void {
  listTabs.replaceChildren();
  if (!data) return;
  const i = data.periods.findIndex((p) => p.key === period);
  for (const s of data.series) {
    const n = period === 'undated' ? s.undated.articles : i >= 0 ? s.articles[i] : 0;
    if (n === 0) continue;
    const tab = document.createElement('button');
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', String(s.id === id));
    tab.textContent = `${isolate(s.ar)} (${n})`;
    tab.addEventListener('click', () => list(s.id, period, true));
    listTabs.append(tab);
  }
}

chartBox.addEventListener('keydown', (e) => {
  if (!data || data.periods.length === 0) return;
  const last = data.periods.length - 1;
  const at = selected ?? (e.key === 'ArrowLeft' ? last : 0);
  if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    selected = Math.max(0, Math.min(last, e.key === 'ArrowRight' ? at + 1 : at - 1));
    mark(selected);
    e.preventDefault();
  } else if (e.key === 'Home' || e.key === 'End') {
    selected = e.key === 'Home' ? 0 : last;
    mark(selected);
    e.preventDefault();
  } else if (e.key === 'Enter' && selected !== undefined) choose(selected);
});

for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-granularity]'))) b.addEventListener('click', () => channel.post({ type: 'set', granularity: b.dataset.granularity as TimelineState['granularity'] }));
for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-measure]'))) {
  b.addEventListener('click', () => {
    if (!state) return;
    state = { ...state, measure: b.dataset.measure as Measure };
    channel.save(state);
    setPressed();
    draw();
    channel.post({ type: 'set', measure: state.measure });
  });
}
$<HTMLButtonElement>('add').addEventListener('click', () => channel.post({ type: 'add' }));
listMore.addEventListener('click', () => listed && channel.post({ type: 'period', id: listed.id, period: listed.period, from: listed.from, to: listed.to, offset: listed.shown }));
new ResizeObserver(() => plot?.setSize({ width: Math.max(300, chartBox.clientWidth), height: plot.height })).observe(chartBox);

channel.onMessage((m) => {
  if (m.type === 'timeline') {
    status.classList.remove('error');
    const sameSpan = data && data.granularity === m.timeline.granularity;
    state = m.state;
    data = m.timeline;
    if (!sameSpan) selected = undefined;
    channel.save(state);
    setPressed();
    chips(data);
    undatedLine(data);
    draw();
    if (listed && !data.series.some((s) => s.id === listed!.id)) {
      listed = undefined;
      listBox.hidden = true;
    }
  } else if (m.type === 'articles') {
    const { id, period, page } = m.list;
    const s = data?.series.find((x) => x.id === id);
    listBox.hidden = false;
    listed = { id, period, from: listed?.from, to: listed?.to, shown: page.offset + page.articles.length };
    listTitle.textContent = `${period === 'undated' ? 'Undated articles' : period} naming ${isolate(s?.ar ?? id)}: ${word('articles', page.total)}`;
    tabs(id, period);
    articles.show(page.articles, page.offset > 0);
    listMore.hidden = listed.shown >= page.total;
  }
});

setPressed();
channel.ready(state);
