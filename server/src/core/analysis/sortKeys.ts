/**
 * The keys a concordance sorts on, as AntConc names them: the first to third word left (1L–3L,
 * before the node) and right (1R–3R, after it), compared after folding and without proclitics;
 * the date, either way; the source.
 */
export type SortKey = '1L' | '2L' | '3L' | '1R' | '2R' | '3R' | 'newest' | 'oldest' | 'source';
export const SORT_KEYS: readonly SortKey[] = ['1L', '2L', '3L', '1R', '2R', '3R', 'newest', 'oldest', 'source'];
