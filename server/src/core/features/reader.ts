/**
 * What the Reader shows of an article: its parts as the structure parser sees them (headline,
 * date, source, dateline, paragraphs, quotations, site chrome) and its mentions with their
 * entities, as offsets into the text; the client renders them right to left.
 */
import { parseArticle } from '../article/structure';
import type { CorpusIndex } from '../index/corpusIndex';
import type { MarkType } from './entityMarks';

export interface ReaderSpan {
  start: number;
  end: number;
}

export interface ReaderMark extends ReaderSpan {
  type: MarkType;
  id: string;
  /** The entity's Arabic and Latin names (the Latin one shown after it on request). */
  ar: string;
  en?: string;
  demonym: boolean;
  boilerplate: boolean;
}

export interface ReaderArticle {
  /** `synthetic`: derived from the lead's first sentence; `shortened`: cut before the sentence's end (the title then ends with …). */
  headline: ReaderSpan & { synthetic: boolean; shortened: boolean };
  date?: string;
  source?: string;
  dateline?: ReaderSpan & { place?: string };
  paragraphs: ReaderSpan[];
  quotations: ReaderSpan[];
  boilerplate: (ReaderSpan & { kind: string })[];
  marks: ReaderMark[];
}

export function readerArticle(index: CorpusIndex, uri: string, text: string): ReaderArticle | undefined {
  const a = index.article(uri);
  if (!a) return undefined;
  const s = parseArticle(text, index.discovery.recognizer.named);
  const span = (x: { start: number; end: number }): ReaderSpan => ({ start: x.start, end: x.end });
  const marks: ReaderMark[] = [];
  for (const m of index.articleMentions.of(a)) {
    const e = index.figures.entity(m.entity);
    if (e) marks.push({ start: m.start, end: m.end, type: e.type, id: e.id, ar: e.ar, en: e.en, demonym: m.kind === 'demonym', boilerplate: m.boilerplate });
  }
  return {
    headline: { ...span(s.headline), synthetic: s.headline.synthetic, shortened: s.headline.synthetic && s.headline.text.endsWith('…') },
    date: s.date?.iso,
    source: s.source,
    dateline: s.dateline && { ...span(s.dateline), place: s.dateline.place },
    paragraphs: s.paragraphs.map(span),
    quotations: s.quotations.map(span),
    boilerplate: s.boilerplate.map((z) => ({ ...span(z), kind: z.kind })),
    marks: marks.sort((x, y) => x.start - y.start),
  };
}
