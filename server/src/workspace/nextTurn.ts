/**
 * Resolves on the next turn of the event loop, after the requests and I/O waiting there: long
 * work (scans, cache reads and writes) awaits it between slices.
 */
export const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));
