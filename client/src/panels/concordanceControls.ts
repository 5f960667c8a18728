/**
 * The Concordance page's static markup: its controls and the places the script fills. No corpus
 * text: lines, labels and collocates arrive as data and are inserted as text.
 */
import { SORT_KEYS, type SortKey } from '../../../server/src/protocol';

export const SORT_LABELS: Record<SortKey, string> = {
  '1L': '1L · word before',
  '2L': '2L · second before',
  '3L': '3L · third before',
  '1R': '1R · word after',
  '2R': '2R · second after',
  '3R': '3R · third after',
  newest: 'Date · newest first',
  oldest: 'Date · oldest first',
  source: 'Source',
};

const sortSelect = (n: number) =>
  `<select id="sort${n}" aria-label="Sort key ${n}"><option value="">${n === 1 ? 'Newest first' : '(none)'}</option>${SORT_KEYS.map((k) => `<option value="${k}">${SORT_LABELS[k]}</option>`).join('')}</select>`;

export const CONCORDANCE_CONTROLS = `<header class="bar">
<form id="search" role="search"><input id="q" type="search" dir="auto" placeholder="Word, phrase or /regular expression/" aria-label="Query: a word, a phrase or a regular expression between slashes"><button type="submit" class="primary">Search</button></form>
<h1 id="label" dir="auto"></h1>
<span id="counts" class="muted" aria-live="polite"></span>
</header>
<div role="tablist" class="tabs" aria-label="Views">
<button role="tab" id="tab-lines" data-tab="lines" aria-controls="lines-panel" aria-selected="true">Lines</button>
<button role="tab" id="tab-collocates" data-tab="collocates" aria-controls="collocates-panel" aria-selected="false" tabindex="-1">Collocates</button>
</div>
<section id="lines-panel" role="tabpanel" aria-labelledby="tab-lines">
<div class="controls">
<label>Sort ${sortSelect(1)}</label> ${sortSelect(2)} ${sortSelect(3)}
<label>From <input id="from" type="date"></label>
<label>To <input id="to" type="date"></label>
<label>Folder <select id="folder"><option value="">All folders</option></select></label>
<label>Context <input id="width" type="range" min="20" max="200" step="10" aria-describedby="width-value"></label><span id="width-value" class="muted"></span>
<button id="export-csv" title="Every line, as CSV (UTF-8 with BOM) for spreadsheets">Export CSV</button>
<button id="export-json" title="Every line, as JSON">Export JSON</button>
</div>
<div id="near" class="chips" aria-label="Words nearby, as filters"></div>
<div id="lines" role="listbox" aria-label="Concordance lines" dir="rtl" tabindex="0"></div>
<nav class="pager" aria-label="Pages"><button id="prev" title="Previous page (Page Up)">Previous</button><span id="range" class="muted"></span><button id="next" title="Next page (Page Down)">Next</button></nav>
</section>
<section id="collocates-panel" role="tabpanel" aria-labelledby="tab-collocates" hidden>
<div class="controls">
<label>Window <select id="window">${[1, 2, 3, 4, 5].map((n) => `<option value="${n}">${n} either side</option>`).join('')}</select></label>
<label>Measure <select id="measure"><option value="ll">Log-likelihood</option><option value="mi">Mutual information</option></select></label>
<label>Seen together at least <input id="min-together" type="number" min="1" max="1000"></label>
<label>Frequency at least <input id="min-frequency" type="number" min="1" max="100000"></label>
</div>
<p class="muted">Words near the node more often than chance, against the articles that hold the hits. A word adds itself as a filter of the lines.</p>
<table id="collocates"><thead><tr><th scope="col">Word</th><th scope="col">Together</th><th scope="col">Before · after</th><th scope="col">Frequency</th><th scope="col" id="score-head">Log-likelihood</th></tr></thead><tbody></tbody></table>
</section>
<p id="status" class="muted" role="status"></p>`;
