/** Types of `generate.mjs`, for the tests that make a corpus with it. */
export function mulberry32(seed: number): () => number;
/** Writes `n` articles under `dir` (unless a marker says they are there already); returns `dir`. */
export function generateCorpus(options: { seedsDir: string; dir: string; n: number; seed?: number }): string;
