/**
 * The Concordance page: lines aligned on the node (right to left), sort keys, filters, context
 * width, pages, collocates and export, all keyboard-reachable. It keeps what is shown as its
 * state and asks the extension for data (concordanceMessages.ts). Corpus text is only ever
 * inserted as text (`textContent`), never as markup.
 */
import type { ConcordanceState, FromConcordancePage, ToConcordancePage } from '../src/panels/concordanceMessages';
import type { Collocate, Collocates, ConcordanceFilter, ConcordanceLine, ConcordancePage, ConcordanceParams, ConcordanceQuery, SortKey, SortWord } from '../../server/src/protocol';
import { pageChannel } from './shared/pageChannel';

const channel = pageChannel<ToConcordancePage, FromConcordancePage, ConcordanceState>();

const DEFAULTS: ConcordanceState = {
  request: { sort: [], width: 60, offset: 0, limit: 100, filter: {} },
  tab: 'lines',
  collocates: { window: 5, measure: 'll', minTogether: 3, minFrequency: 3, limit: 100 },
};
const saved = channel.state();
const state: ConcordanceState = saved ? { ...DEFAULTS, ...saved, request: { ...DEFAULTS.request, ...saved.request }, collocates: { ...DEFAULTS.collocates, ...saved.collocates } } : structuredClone(DEFAULTS);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  search: $<HTMLFormElement>('search'),
  q: $<HTMLInputElement>('q'),
  label: $('label'),
  counts: $('counts'),
  tabs: Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]')),
  linesPanel: $('lines-panel'),
  collocatesPanel: $('collocates-panel'),
  sorts: [1, 2, 3].map((n) => $<HTMLSelectElement>(`sort${n}`)),
  from: $<HTMLInputElement>('from'),
  to: $<HTMLInputElement>('to'),
  folder: $<HTMLSelectElement>('folder'),
  width: $<HTMLInputElement>('width'),
  widthValue: $('width-value'),
  near: $('near'),
  lines: $('lines'),
  prev: $<HTMLButtonElement>('prev'),
  next: $<HTMLButtonElement>('next'),
  range: $('range'),
  window: $<HTMLSelectElement>('window'),
  measure: $<HTMLSelectElement>('measure'),
  minTogether: $<HTMLInputElement>('min-together'),
  minFrequency: $<HTMLInputElement>('min-frequency'),
  scoreHead: $('score-head'),
  collocates: document.querySelector<HTMLTableSectionElement>('#collocates tbody')!,
  status: $('status'),
};

let seq = 0;
let latestPage = 0;
let latestCollocates = 0;
/** The page asked for and not arrived yet. */
let waiting = 0;
let page: ConcordancePage | undefined;
let lines: ConcordanceLine[] = [];
let active = 0;
/** Focus the first (or last) line once the page asked for arrives. */
let focusOnArrival: 'first' | 'last' | undefined;
let collocatesShownFor = '';

/** The filter, to change in place (the protocol's type is read-only). */
const filter = () => (state.request.filter ??= {}) as { -readonly [K in keyof ConcordanceFilter]: ConcordanceFilter[K] };
const save = () => channel.save(state);

function setStatus(text: string, isError = false): void {
  ui.status.textContent = text;
  ui.status.classList.toggle('error', isError);
}

/** Shows the state's controls as they are. */
function showControls(): void {
  const sort = state.request.sort ?? [];
  ui.sorts.forEach((s, i) => (s.value = sort[i] ?? ''));
  ui.from.value = filter().from ?? '';
  ui.to.value = filter().to ?? '';
  ui.width.value = String(state.request.width ?? 60);
  ui.widthValue.textContent = `${ui.width.value} characters`;
  ui.window.value = String(state.collocates.window ?? 5);
  ui.measure.value = state.collocates.measure ?? 'll';
  ui.minTogether.value = String(state.collocates.minTogether ?? 3);
  ui.minFrequency.value = String(state.collocates.minFrequency ?? 3);
  ui.scoreHead.textContent = ui.measure.value === 'mi' ? 'Mutual information' : 'Log-likelihood';
  if (state.label) ui.label.textContent = state.label;
  showNear();
  showTab();
}

function showNear(): void {
  ui.near.textContent = '';
  for (const word of filter().near ?? []) {
    const chip = document.createElement('button');
    chip.className = 'chip';
    chip.dir = 'auto';
    chip.textContent = `${word} ✕`;
    chip.title = `Lines with ${word} within ${filter().nearWindow ?? 5} words of the node; click to remove`;
    chip.setAttribute('aria-label', `Remove the filter ${word}`);
    chip.addEventListener('click', () => {
      filter().near = (filter().near ?? []).filter((w) => w !== word);
      refetch();
    });
    ui.near.appendChild(chip);
  }
}

function showTab(): void {
  for (const t of ui.tabs) {
    const on = t.dataset.tab === state.tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
  }
  ui.linesPanel.hidden = state.tab !== 'lines';
  ui.collocatesPanel.hidden = state.tab !== 'collocates';
  if (state.tab === 'collocates') fetchCollocates();
}

function params(): ConcordanceParams | undefined {
  return state.query ? { query: state.query, ...state.request } : undefined;
}

/** Asks for the current page. */
function fetchPage(): void {
  const p = params();
  if (!p) return;
  latestPage = ++seq;
  const asked = latestPage;
  waiting = asked;
  setTimeout(() => waiting === asked && setStatus('Reading the articles…'), 200);
  channel.post({ type: 'fetch', seq: latestPage, params: p });
  save();
}

/** A change of query, filter or sort: back to the first page. */
function refetch(): void {
  state.request.offset = 0;
  focusOnArrival = undefined;
  collocatesShownFor = '';
  showNear();
  fetchPage();
  if (state.tab === 'collocates') fetchCollocates();
}

function fetchCollocates(): void {
  if (!state.query) return;
  const p = { query: state.query, filter: { ...filter(), near: undefined }, ...state.collocates };
  const key = JSON.stringify(p);
  if (key === collocatesShownFor) return;
  collocatesShownFor = key;
  latestCollocates = ++seq;
  setStatus('Counting the words around the hits…');
  channel.post({ type: 'collocates', seq: latestCollocates, params: p });
}

const number = (n: number) => n.toLocaleString('en');

function showPage(p: ConcordancePage): void {
  waiting = 0;
  page = p;
  lines = p.lines;
  state.label = p.label || state.label;
  ui.label.textContent = state.label ?? '';
  setStatus(p.error ?? (p.hits === 0 ? 'No lines: nothing matches, or the filters leave nothing.' : ''), !!p.error);
  const counted = (n: number, one: string) => `${number(n)} ${one}${n === 1 ? '' : 's'}`;
  ui.counts.textContent = p.error ? '' : `${counted(p.hits, 'hit')} in ${counted(p.articles, 'article')}${p.hits !== p.allHits ? ` (of ${counted(p.allHits, 'hit')})` : ''}`;
  showFolders(p);
  ui.from.min = ui.to.min = p.first ?? '';
  ui.from.max = ui.to.max = p.last ?? '';
  ui.range.textContent = p.hits ? `${number(p.offset + 1)}–${number(p.offset + lines.length)} of ${number(p.hits)}` : '';
  ui.prev.disabled = p.offset === 0;
  ui.next.disabled = p.offset + lines.length >= p.hits;
  ui.lines.textContent = '';
  lines.forEach((l, i) => ui.lines.appendChild(row(l, i)));
  active = focusOnArrival === 'last' ? lines.length - 1 : 0;
  markActive(focusOnArrival !== undefined);
  focusOnArrival = undefined;
  save();
}

function showFolders(p: ConcordancePage): void {
  const chosen = filter().folder ?? '';
  ui.folder.textContent = '';
  const all = document.createElement('option');
  all.value = '';
  all.textContent = `All folders (${number(p.folders.length)})`;
  ui.folder.appendChild(all);
  for (const f of p.folders) {
    const o = document.createElement('option');
    o.value = f.uri;
    o.textContent = `${folderName(f.uri)} (${number(f.articles)})`;
    ui.folder.appendChild(o);
  }
  ui.folder.value = chosen;
}

/** The last two parts of a folder's path, as its name. */
function folderName(uri: string): string {
  const parts = uri.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  return parts.slice(-2).join('/');
}

function span(className: string, text: string): HTMLSpanElement {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}

/** One line: date, the text before the node, the node, the text after, the headline. */
function row(l: ConcordanceLine, i: number): HTMLElement {
  const r = document.createElement('div');
  r.className = 'row';
  r.setAttribute('role', 'option');
  r.tabIndex = -1;
  r.dataset.i = String(i);
  // The text before the node sits in a left-to-right box that keeps its end (the words next to
  // the node) in view and cuts its beginning when it is too long; see concordance.css.
  const before = span('before', '');
  const inner = span('before-text', '');
  inner.dir = 'rtl';
  inner.append(marked(l.left.trimEnd(), 0, l.sortWords?.filter((w) => w.in === 'left') ?? []));
  before.appendChild(inner);
  const right = l.right.trimStart();
  const after = span('after', '');
  after.append(marked(right, l.right.length - right.length, l.sortWords?.filter((w) => w.in === 'right') ?? []));
  // The space between the node and its context, unless a proclitic (و, ب…) is joined to it.
  if (/\s$/u.test(l.left)) before.classList.add('gap');
  if (/^\s/u.test(l.right)) after.classList.add('gap');
  const node = span('node', l.node);
  const date = span('date', l.date ?? 'undated');
  date.dir = 'ltr';
  const headline = span('headline', l.headline || l.uri.slice(l.uri.lastIndexOf('/') + 1));
  headline.title = l.headline;
  r.title = `${l.date ?? 'undated'} · ${l.headline}`;
  r.append(date, before, node, after, headline);
  r.setAttribute('aria-label', `${l.left}${l.node}${l.right} — ${l.date ?? 'undated'}, ${l.headline}`);
  r.addEventListener('click', () => {
    active = i;
    markActive(true);
    open(l);
  });
  return r;
}

/**
 * `text` with the words the sort keys compare marked (1st, 2nd, 3rd key), each knowing its
 * comparison key; `shift`: where `text` starts in the string the offsets count from.
 */
function marked(text: string, shift: number, words: readonly SortWord[]): DocumentFragment {
  const out = document.createDocumentFragment();
  const sort = state.request.sort ?? [];
  let at = 0;
  for (const w of [...words].sort((a, b) => a.start - b.start)) {
    const start = w.start - shift;
    const end = w.end - shift;
    if (start < at || end > text.length) continue;
    out.append(text.slice(at, start));
    const m = span(`sort-word k${sort.indexOf(w.sortKey) + 1}`, text.slice(start, end));
    m.dataset.key = w.key;
    m.dataset.sortKey = w.sortKey;
    out.append(m);
    at = end;
  }
  out.append(text.slice(at));
  return out;
}

function markActive(focus: boolean): void {
  const rows = ui.lines.querySelectorAll<HTMLElement>('.row');
  rows.forEach((r, i) => {
    r.setAttribute('aria-selected', String(i === active));
    r.tabIndex = i === active ? 0 : -1;
  });
  ui.lines.tabIndex = rows.length ? -1 : 0;
  const r = rows[active];
  if (r && focus) {
    r.focus();
    r.scrollIntoView({ block: 'nearest' });
  }
}

function open(l: ConcordanceLine): void {
  channel.post({ type: 'open', uri: l.uri, range: l.range });
}

function turn(step: 1 | -1, focus: 'first' | 'last' = 'first'): void {
  if (!page) return;
  const limit = state.request.limit ?? 100;
  const offset = (state.request.offset ?? 0) + step * limit;
  if (offset < 0 || offset >= page.hits) return;
  state.request.offset = offset;
  focusOnArrival = focus;
  fetchPage();
}

ui.lines.addEventListener('keydown', (e) => {
  const n = lines.length;
  if (!n) return;
  let handled = true;
  if (e.key === 'ArrowDown') {
    if (active < n - 1) active++;
    else turn(1, 'first');
  } else if (e.key === 'ArrowUp') {
    if (active > 0) active--;
    else turn(-1, 'last');
  } else if (e.key === 'Home') active = 0;
  else if (e.key === 'End') active = n - 1;
  else if (e.key === 'PageDown') turn(1);
  else if (e.key === 'PageUp') turn(-1);
  else if (e.key === 'Enter' || e.key === ' ') open(lines[active]);
  else handled = false;
  if (handled) {
    e.preventDefault();
    markActive(true);
  }
});

function showCollocates(result: Collocates & { error?: string }): void {
  ui.collocates.textContent = '';
  setStatus(result.error ?? (result.collocates.length === 0 ? 'No collocates above the thresholds.' : ''), !!result.error);
  const score = (c: Collocate) => (result.measure === 'mi' ? c.mi : c.ll);
  for (const c of result.collocates) {
    const tr = document.createElement('tr');
    const word = document.createElement('button');
    word.className = 'word';
    word.dir = 'auto';
    word.textContent = c.word;
    word.title = `Show the lines with ${c.word} within ${result.window} words`;
    word.addEventListener('click', () => {
      const f = filter();
      f.near = [...new Set([...(f.near ?? []), c.key])];
      f.nearWindow = result.window;
      state.tab = 'lines';
      showTab();
      refetch();
    });
    const cell = (content: Node | string) => {
      const td = document.createElement('td');
      td.append(content);
      return td;
    };
    tr.append(cell(word), cell(number(c.together)), cell(`${number(c.left)} · ${number(c.right)}`), cell(number(c.frequency)), cell(score(c).toFixed(2)));
    ui.collocates.appendChild(tr);
  }
}

ui.search.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = ui.q.value.trim();
  if (!text) return;
  const regex = /^\/(.+)\/(i?)$/u.exec(text);
  const query: ConcordanceQuery = regex ? { kind: 'regex', pattern: regex[1], ignoreCase: regex[2] === 'i' } : { kind: 'words', text };
  setQuery(query, text);
});

function setQuery(query: ConcordanceQuery, label: string, given: ConcordanceFilter = {}, keepFocus = false): void {
  state.query = query;
  state.label = label;
  ui.label.textContent = label;
  ui.counts.textContent = '';
  state.request.filter = { ...given };
  state.tab = 'lines';
  showControls();
  refetch();
  focusOnArrival = keepFocus ? undefined : 'first';
}

ui.sorts.forEach((s) =>
  s.addEventListener('change', () => {
    state.request.sort = ui.sorts.map((x) => x.value).filter(Boolean) as SortKey[];
    refetch();
  }),
);
for (const [input, key] of [[ui.from, 'from'], [ui.to, 'to']] as const) {
  input.addEventListener('change', () => {
    filter()[key] = input.value || undefined;
    refetch();
  });
}
ui.folder.addEventListener('change', () => {
  filter().folder = ui.folder.value || undefined;
  refetch();
});
ui.width.addEventListener('input', () => (ui.widthValue.textContent = `${ui.width.value} characters`));
ui.width.addEventListener('change', () => {
  state.request.width = Number(ui.width.value);
  fetchPage();
});
ui.prev.addEventListener('click', () => turn(-1));
ui.next.addEventListener('click', () => turn(1));
for (const t of ui.tabs) {
  t.addEventListener('click', () => {
    state.tab = t.dataset.tab as ConcordanceState['tab'];
    showTab();
    save();
  });
  t.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const other = ui.tabs.find((x) => x !== t)!;
    other.focus();
    other.click();
  });
}
const collocateOption = (input: HTMLInputElement | HTMLSelectElement, apply: (v: string) => void) =>
  input.addEventListener('change', () => {
    apply(input.value);
    ui.scoreHead.textContent = ui.measure.value === 'mi' ? 'Mutual information' : 'Log-likelihood';
    save();
    fetchCollocates();
  });
collocateOption(ui.window, (v) => (state.collocates.window = Number(v)));
collocateOption(ui.measure, (v) => (state.collocates.measure = v === 'mi' ? 'mi' : 'll'));
collocateOption(ui.minTogether, (v) => (state.collocates.minTogether = Math.max(1, Number(v) || 1)));
collocateOption(ui.minFrequency, (v) => (state.collocates.minFrequency = Math.max(1, Number(v) || 1)));
for (const format of ['csv', 'json'] as const) {
  $(`export-${format}`).addEventListener('click', () => {
    const p = params();
    if (p) channel.post({ type: 'export', format, params: { ...p, offset: undefined, limit: undefined }, label: state.label ?? 'lines' });
  });
}

channel.onMessage((m) => {
  if (m.type === 'query') setQuery(m.query, m.label, m.filter, m.keepFocus);
  else if (m.type === 'page' && m.seq === latestPage) showPage(m.page);
  else if (m.type === 'collocates' && m.seq === latestCollocates) showCollocates(m.result);
  else if (m.type === 'failed' && (m.seq === latestPage || m.seq === latestCollocates) && !m.cancelled) {
    if (m.seq === latestCollocates) collocatesShownFor = '';
    else waiting = 0;
    setStatus(`The request failed: ${m.message}`, true);
  }
});

showControls();
if (state.query) fetchPage();
channel.post({ type: 'ready', restored: !!state.query });
