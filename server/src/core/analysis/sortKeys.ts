/**
 * The keys a concordance sorts on, as AntConc names them: the first to third word left (1L–3L,
 * before the node) and right (1R–3R, after it), compared after folding and without proclitics;
 * the date, either way; the source.
 */
export type SortKey = '1L' | '2L' | '3L' | '1R' | '2R' | '3R' | 'newest' | 'oldest' | 'source';
export const SORT_KEYS: readonly SortKey[] = ['1L', '2L', '3L', '1R', '2R', '3R', 'newest', 'oldest', 'source'];

/** Where a word key's value comes from for one hit: the side (0: left, 1: right) and the distance from the node (0: next to it). */
export const WORD_KEY: Partial<Record<SortKey, { side: 0 | 1; distance: number }>> = {
  '1L': { side: 0, distance: 0 },
  '2L': { side: 0, distance: 1 },
  '3L': { side: 0, distance: 2 },
  '1R': { side: 1, distance: 0 },
  '2R': { side: 1, distance: 1 },
  '3R': { side: 1, distance: 2 },
};
