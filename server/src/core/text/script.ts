/** Which script a text is written in, told cheaply from a sample of it. */

/** The Arabic letters' share of the letters of `text` up to `end` (0 when it has none). */
export function arabicShare(text: string, end = text.length): number {
  let arabic = 0;
  let letters = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    // Arabic letters (not its digits, punctuation or marks), and the presentation forms.
    if ((c >= 0x0621 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) || (c >= 0x06fa && c <= 0x06ff) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) {
      arabic++;
      letters++;
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x370 && c <= 0x52f)) letters++;
  }
  return letters === 0 ? 0 : arabic / letters;
}

/** A text is mostly Arabic when at least this share of its letters is. */
export const MOSTLY_ARABIC = 0.5;

export const isMostlyArabic = (text: string): boolean => arabicShare(text) >= MOSTLY_ARABIC;

/** How much of a file tells its script: its first thousand characters, some 150 words. */
export const SCRIPT_SAMPLE = 1024;

/** Whether a file's text is mostly Arabic, told from its beginning (a note, a README or a log is mostly Latin). */
export const readsAsArabic = (text: string): boolean => arabicShare(text, Math.min(text.length, SCRIPT_SAMPLE)) >= MOSTLY_ARABIC;
