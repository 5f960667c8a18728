/**
 * Labels that read in one order beside Arabic: VS Code lays a row out left to right, so an
 * Arabic name next to Latin text or figures takes them into its own right-to-left run
 * («1اجتماع mentions», «3 · 03-12-2025»). Isolating each part keeps each in its own order.
 */
import { DERIVED_HEADLINE_NOTE } from '../../server/src/protocol';

/** First-strong isolate: a part that takes the direction of its own first letter (an Arabic name). */
export const isolate = (s: string): string => `\u2068${s}\u2069`;

/** Left-to-right isolate: figures, dates and Latin words read left to right wherever they stand. */
export const ltr = (s: string): string => `\u2066${s}\u2069`;

/** `1 mention`, `2 mentions`. */
export const count = (n: number, word: string, plural = `${word}s`): string => `${n.toLocaleString('en')} ${n === 1 ? word : plural}`;

/** A label without its isolating marks (for comparing and copying). */
export const plainLabel = (s: string): string => s.replace(/[\u2066-\u2069]/g, '');

/**
 * What an article's row adds when its headline is derived from its first sentence (the text has
 * none): a note at the end of its description, and a line of its tooltip.
 */
export const derivedMark = (derived: boolean | undefined): { note: string; tooltip: string } =>
  derived ? { note: ` · ${DERIVED_HEADLINE_NOTE}`, tooltip: '\n(The text has no headline: this is its first sentence, shortened.)' } : { note: '', tooltip: '' };
