/**
 * Resolves on the next turn of the event loop, after the requests and I/O waiting there: long
 * work (scans, cache reads and writes) awaits it between slices.
 */
export const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

const DONE = Promise.resolve();

/**
 * A pause for loops that call it often: it yields to the event loop only once `ms` have passed
 * since it last did, so that slices last about `ms` whatever the cost of one step (a step may
 * cost a microsecond on a small corpus and far more on a large one).
 */
export function sliced(ms = 8): () => Promise<void> {
  let since = performance.now();
  return () => {
    if (performance.now() - since < ms) return DONE;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}
