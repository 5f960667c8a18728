/** The hover card: an entity dossier on a mention, the ISO date and weekday on a date. */
import type { Hover } from 'vscode-languageserver-types';
import type { Entity, EntityType } from '../catalog/types';
import type { CorpusIndex } from '../index/corpusIndex';
import { findDates, weekdayOf, WEEKDAY_NAMES_AR } from '../text/dates';
import { commandLink, escapeMarkdown } from './markdown';
import { rangeOf } from './ranges';
import { mentionNear } from './navigation';

export const TYPE_LABEL: Record<EntityType, string> = { person: 'Person', organisation: 'Organisation', place: 'Place', topic: 'Topic' };
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function roleLine(e: Entity): string | undefined {
  const roles = e.roles ?? [];
  if (roles.length === 0) return e.description;
  const current = roles.find((r) => !r.to) ?? roles[roles.length - 1];
  const span = current.from || current.to ? ` (${current.from ?? '…'}–${current.to ?? ''})` : '';
  return `${current.title}${span}`;
}

export function hover(index: CorpusIndex, uri: string, offset: number): Hover | undefined {
  const article = index.article(uri);
  if (!article) return undefined;
  const mention = mentionNear(index, uri, offset);
  if (mention) {
    const e = index.entity(mention.entity);
    if (!e) return undefined;
    return { contents: { kind: 'markdown', value: entityCard(index, e, uri) }, range: rangeOf(article, mention.start, mention.end) };
  }
  const line = article.lines.positionAt(offset).line;
  const lineStart = article.lines.lineStart(line);
  const lineEnd = article.lines.lineStart(line + 1) || article.text.length;
  const date = findDates(article.text, lineStart, Math.max(lineStart, lineEnd)).find((d) => d.start <= offset && offset <= d.end);
  if (date) {
    const wd = weekdayOf(date.iso);
    const doubt = date.confidence < 1 ? '\n\n*The weekday or month written beside this date does not agree with it.*' : '';
    return {
      contents: { kind: 'markdown', value: `**${date.iso}** · ${WEEKDAYS_EN[wd]} · ${WEEKDAY_NAMES_AR[wd]}${doubt}` },
      range: rangeOf(article, date.start, date.end),
    };
  }
  return undefined;
}

function entityCard(index: CorpusIndex, e: Entity, uri: string): string {
  const out: string[] = [];
  out.push(`**${escapeMarkdown(e.ar)}**${e.en ? ` · ${escapeMarkdown(e.en)}` : ''}`);
  const role = roleLine(e);
  out.push(`*${TYPE_LABEL[e.type]}${e.discovered ? ' (discovered)' : ''}*${role ? ` — ${escapeMarkdown(role)}` : ''}`);
  if (e.description && e.description !== role) out.push(escapeMarkdown(e.description));

  const all = index.mentionsOf(e.id);
  const seen = new Map<string, number>();
  for (const m of all) {
    const a = index.article(m.uri)!;
    const form = a.text.slice(m.start, m.end).replace(/\s+/g, ' ');
    seen.set(form, (seen.get(form) ?? 0) + 1);
  }
  if (seen.size > 0) {
    out.push(`Forms seen: ${[...seen].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${escapeMarkdown(f)} (${n})`).join(', ')}`);
  }
  const here = index.article(uri)?.counts.get(e.id) ?? 0;
  const articles = index.articlesOf(e.id);
  out.push(`Mentions: **${here}** in this article · **${all.length}** in the corpus, in ${articles.length} article${articles.length === 1 ? '' : 's'}`);
  if (articles.length > 0) {
    const list = articles.slice(0, 8).map((a) => {
      const date = a.structure.date?.iso ?? 'undated';
      const line = a.lines.positionAt(a.structure.headline.start).line + 1;
      return `- ${date} — [${escapeMarkdown(a.structure.headline.text || a.uri)}](${a.uri}#L${line})`;
    });
    if (articles.length > 8) list.push(`- … ${articles.length - 8} more`);
    out.push(`Articles:\n${list.join('\n')}`);
  }
  const withIt = index.cooccurring(e.id, 5);
  if (withIt.length > 0) out.push(`Named with: ${withIt.map((c) => `${escapeMarkdown(c.entity.ar)} (${c.articles})`).join(', ')}`);
  out.push(`${commandLink('Show all mentions', 'corpusLens.showMentions', [e.id])} · ${commandLink('Reveal in sidebar', 'corpusLens.reveal', [e.id])}`);
  return out.join('\n\n');
}
