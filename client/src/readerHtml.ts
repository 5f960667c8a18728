/**
 * The Reader's HTML: an article right to left, paragraph by paragraph, its mentions marked by
 * type, its quotations set apart, its site chrome folded away. Pure (no `vscode`): the panel
 * posts the body into the page, and the tests read it. Every piece of article text is escaped;
 * nothing from the article becomes markup, a link or a script.
 */
import type { ReaderArticle, ReaderMark } from '../../server/src/protocol';
import { escapeHtml } from './panels/panelPage';
import { firstEndingAfter } from '../../server/src/core/features/ranges';

interface Part {
  start: number;
  end: number;
  kind: 'lead' | 'paragraph' | 'chrome';
  label?: string;
}


/** The runs of `[start, end)` cut at mark and quotation edges, each a span that knows its offset. */
function runs(text: string, start: number, end: number, marks: readonly ReaderMark[], quotes: readonly { start: number; end: number }[]): string {
  const pieces: { s: number; e: number; mark?: ReaderMark }[] = [];
  let pos = start;
  for (let i = firstEndingAfter(marks, start); i < marks.length && marks[i].start < end; i++) {
    const m = marks[i];
    const s = Math.max(start, m.start);
    if (s > pos) pieces.push({ s: pos, e: s });
    pos = Math.min(end, m.end);
    pieces.push({ s, e: pos, mark: m });
  }
  if (pos < end) pieces.push({ s: pos, e: end });
  const here = quotes.filter((q) => q.start < end && q.end > start);
  let html = '';
  for (const p of pieces) {
    // Quotation edges inside a piece cut it further.
    const cuts = [p.s, ...here.flatMap((q) => [q.start, q.end]).filter((c) => c > p.s && c < p.e), p.e].sort((a, b) => a - b);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const [s, e] = [cuts[k], cuts[k + 1]];
      const quoted = here.some((q) => q.start <= s && e <= q.end);
      const classes = [p.mark ? `m ${p.mark.type}${p.mark.demonym ? ' demonym' : ''}` : '', quoted ? 'quote' : ''].filter(Boolean).join(' ');
      const attrs = p.mark ? ` data-id="${escapeHtml(p.mark.id)}" tabindex="0"` : '';
      html += `<span data-s="${s}"${classes ? ` class="${classes}"` : ''}${attrs}>${escapeHtml(text.slice(s, e))}</span>`;
    }
    // The Latin name after the mention (shown when the reader asks for it).
    if (p.mark?.en && !p.mark.demonym && p.e === Math.min(end, p.mark.end)) html += `<span class="latin" dir="ltr">${escapeHtml(p.mark.en)}</span>`;
  }
  return html;
}

/** The article's body: header (headline, date, source, dateline), contents, paragraphs, folded chrome. */
export function readerBody(text: string, a: ReaderArticle): string {
  const marks = a.marks;
  const parts: Part[] = a.paragraphs.map((p, i) => ({ ...p, kind: i === 0 ? 'lead' : 'paragraph' }));
  const chrome: Part[] = a.boilerplate.map((z) => ({ ...z, kind: 'chrome', label: z.kind }));
  const meta = [a.date, a.source, a.dateline?.place].filter((x): x is string => !!x).map((x) => `<span dir="auto">${escapeHtml(x)}</span>`);
  const headline = a.headline.end > a.headline.start ? runs(text, a.headline.start, a.headline.end, marks, []) + (a.headline.shortened ? '…' : '') : escapeHtml('(untitled)');
  const toc = parts.map((p, i) => `<li><a href="#p${i}" data-s="${p.start}">${escapeHtml(firstWords(text.slice(p.start, p.end)))}</a></li>`).join('');
  const body = parts.map((p, i) => `<p id="p${i}" class="${p.kind}">${runs(text, p.start, p.end, marks, a.quotations)}</p>`).join('\n');
  const folded = chrome.length
    ? `<details class="chrome"><summary>Site chrome and teasers (${chrome.length}), not counted</summary>${chrome.map((z) => `<p class="chrome" title="${escapeHtml(z.label ?? '')}">${runs(text, z.start, z.end, marks, [])}</p>`).join('\n')}</details>`
    : '';
  return `<header><h1${a.headline.synthetic ? ' class="derived" title="No headline in the text: its first sentence, from the lead"' : ''}>${headline}</h1><div class="meta">${meta.join(' · ')}</div></header>
<nav class="toc" aria-label="Contents"><ol>${toc}</ol></nav>
<main>${body}</main>
${folded}`;
}

function firstWords(s: string, n = 6): string {
  const words = s.trim().split(/\s+/u);
  return words.slice(0, n).join(' ') + (words.length > n ? ' …' : '');
}

/** The page's controls and the place of the article (the panel shell puts them in its frame). */
export const READER_CONTROLS = `<div class="toolbar" dir="ltr" role="toolbar" aria-label="Reading aids">
<button data-act="smaller" title="Smaller text">A−</button><button data-act="larger" title="Larger text">A+</button>
<button data-act="narrower" title="Narrower lines">⇤⇥</button><button data-act="wider" title="Wider lines">⇠⇢</button>
<button data-act="latin" aria-pressed="false" title="Show each entity's Latin name">Latin names</button>
<button data-act="toc" aria-pressed="false" title="Contents">Contents</button>
<button data-act="prev" title="Previous article by date">◀ Older</button><button data-act="next" title="Next article by date">Newer ▶</button>
</div>
<article id="article"><p class="empty">Open an article to read it here.</p></article>
<div id="card" role="tooltip" hidden></div>`;
