/** The hover card: an entity dossier on a mention, the ISO date and weekday on a date. */
import type { Hover } from 'vscode-languageserver-types';
import { ENTITY_TYPE_INFO } from '../catalog/entityTypes';
import type { Entity } from '../catalog/types';
import type { CorpusIndex } from '../index/corpusIndex';
import { findDates, weekdayOf, WEEKDAY_NAMES_AR } from '../text/dates';
import { commandLink, escapeMarkdown } from './markdown';
import { rangeOf } from './ranges';
import { DERIVED_HEADLINE_NOTE } from './viewTypes';
import { mentionNear } from './navigation';
import { romanize } from '../text/romanize';
import { yearSparkline } from '../analysis/sparkline';

const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function roleLine(e: Entity): string | undefined {
  const roles = e.roles ?? [];
  if (roles.length === 0) return e.description;
  const current = roles.find((r) => !r.to) ?? roles[roles.length - 1];
  const span = current.from || current.to ? ` (${current.from ?? '…'}–${current.to ?? ''})` : '';
  return `${current.title}${span}`;
}

/** How the client shows a hover: Markdown (else plain text), and whether it runs the extension's command links. */
export interface HoverFormat {
  readonly markdown: boolean;
  readonly commands: boolean;
}

const VS_CODE: HoverFormat = { markdown: true, commands: true };

/** Markdown with corpus text escaped, or plain text as it is. */
interface Writer {
  text(s: string): string;
  strong(s: string): string;
  em(s: string): string;
  link(label: string, target: string): string;
}
const MARKDOWN: Writer = { text: escapeMarkdown, strong: (s) => `**${s}**`, em: (s) => `*${s}*`, link: (label, target) => `[${label}](${target})` };
const PLAIN: Writer = { text: (s) => s.replace(/\r?\n/g, ' '), strong: (s) => s, em: (s) => s, link: (label) => label };

export function hover(index: CorpusIndex, uri: string, offset: number, text: string, format: HoverFormat = VS_CODE): Hover | undefined {
  const article = index.article(uri);
  if (!article) return undefined;
  const w = format.markdown ? MARKDOWN : PLAIN;
  const contents = (value: string) => ({ kind: format.markdown ? ('markdown' as const) : ('plaintext' as const), value });
  const mention = mentionNear(index, uri, offset, text);
  if (mention) {
    const e = index.figures.entity(mention.entity);
    if (!e) return undefined;
    const notes: string[] = [];
    if (mention.kind === 'demonym') notes.push(w.em(`${w.text(text.slice(mention.start, mention.end))}: an adjective of ${w.text(e.en ?? e.ar)} (demonym)`));
    if (mention.boilerplate) notes.push(w.em('In site chrome or a related-article teaser: not counted.'));
    return { contents: contents([...notes, entityCard(index, e, uri, w, format.commands)].join('\n\n')), range: rangeOf(article, mention.start, mention.end) };
  }
  const line = article.lines.positionAt(offset).line;
  const lineStart = article.lines.lineStart(line);
  const lineEnd = line + 1 < article.lines.lineCount ? article.lines.lineStart(line + 1) : text.length;
  const date = findDates(text, lineStart, Math.max(lineStart, Math.min(lineEnd, text.length))).find((d) => d.start <= offset && offset <= d.end);
  if (date) {
    const wd = weekdayOf(date.iso);
    const doubt = date.confidence < 1 ? `\n\n${w.em('The weekday or month written beside this date does not agree with it.')}` : '';
    return {
      contents: contents(`${w.strong(date.iso)} · ${WEEKDAYS_EN[wd]} · ${WEEKDAY_NAMES_AR[wd]}${doubt}`),
      range: rangeOf(article, date.start, date.end),
    };
  }
  return undefined;
}

/** Why a discovered name was taken for one: the phrase that introduced it, in which article. */
function foundFrom(index: CorpusIndex, e: Entity, w: Writer): string {
  const a = index.figures.introducer(e.id);
  const phrase = `«${e.description ? `${w.text(e.description)} ` : ''}${w.text(e.ar)}»`;
  if (!a) return `Found from ${phrase}; in no catalog.`;
  const line = a.lines.positionAt(a.headline.start).line + 1;
  return `Found from ${phrase} in ${w.link(w.text(a.headline.text || a.uri), `${a.uri}#L${line}`)}; in no catalog.`;
}

function entityCard(index: CorpusIndex, e: Entity, uri: string, w: Writer, commands: boolean): string {
  const out: string[] = [];
  // A name no catalog holds has no Latin name: an automatic one, marked so, stands in.
  const latin = e.en ? w.text(e.en) : e.discovered ? `${w.text(romanize(e.ar))} ${w.em('(automatic)')}` : '';
  out.push(`${w.strong(w.text(e.ar))}${latin ? ` · ${latin}` : ''}`);
  const role = roleLine(e);
  out.push(`${w.em(`${ENTITY_TYPE_INFO[e.type].label}${e.discovered ? ' (discovered)' : ''}`)}${role ? ` — ${w.text(role)}` : ''}`);
  if (e.description && e.description !== role) out.push(w.text(e.description));
  if (e.discovered) out.push(foundFrom(index, e, w));

  const forms = index.figures.forms(e.id);
  if (forms.length > 0) {
    // Each spelling with its own count: «لافروف» ×13.
    out.push(`Forms seen: ${forms.slice(0, 12).map(([f, n]) => `«${w.text(f)}» ×${n}`).join(' · ')}${forms.length > 12 ? ' · …' : ''}`);
  }
  const a0 = index.article(uri);
  const here = a0 ? index.articleMentions.countOf(a0, e.id) : 0;
  const summary = index.figures.summary(e.id);
  const total = summary?.mentions ?? 0;
  const count = summary?.articles ?? 0;
  out.push(`Mentions: ${w.strong(String(here))} in this article · ${w.strong(String(total))} in the corpus, in ${count} article${count === 1 ? '' : 's'}`);
  const years = yearSparkline(index, e.id);
  if (years) out.push(`Articles by year: ${years.first} ${years.bars} ${years.last}`);
  const articles = index.figures.articlesOf(e.id, 8);
  if (articles.length > 0) {
    const list = articles.map((a) => {
      const line = a.lines.positionAt(a.headline.start).line + 1;
      const derived = a.derivedHeadline ? ` ${w.em(`(${DERIVED_HEADLINE_NOTE})`)}` : '';
      return `- ${a.date ?? 'undated'} — ${w.link(w.text(a.headline.text || a.uri), `${a.uri}#L${line}`)}${derived}`;
    });
    if (count > 8) list.push(`- … ${count - 8} more`);
    out.push(`Articles:\n${list.join('\n')}`);
  }
  const withIt = index.figures.cooccurring(e.id, 5);
  if (withIt.length > 0) out.push(`Named with: ${withIt.map((c) => `${w.text(c.entity.ar)} (${c.articles})`).join(', ')}`);
  if (commands && w === MARKDOWN) {
    const adopt = e.discovered ? ` · ${commandLink('Add to catalog', 'corpusLens.adoptName', [e.id])} · ${commandLink('Ignore', 'corpusLens.ignoreName', [e.id])}` : '';
    out.push(`${commandLink('Show all mentions', 'corpusLens.showMentions', [e.id])} · ${commandLink('Concordance', 'corpusLens.concordance.open', [e.id])} · ${commandLink('Reveal in sidebar', 'corpusLens.reveal', [e.id])}${adopt}`);
  }
  return out.join('\n\n');
}
