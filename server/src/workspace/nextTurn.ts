/**
 * Resolves on the next turn of the event loop, after the requests and I/O waiting there: long
 * work (scans, cache reads and writes) awaits it between slices.
 */
export const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

const DONE = Promise.resolve();

let waiting: () => boolean = () => false;

/**
 * Long work gives way while `messagesWait` says the client's messages wait to be handled (the
 * server sets it): those are handled one a turn, so a turn that does background work as well
 * makes each of them wait for it.
 */
export function giveWayWhile(messagesWait: () => boolean): void {
  waiting = messagesWait;
}

/** Whether the client's messages wait to be handled. */
export const messagesWait = (): boolean => waiting();

/** Resolves on a later turn once no message of the client waits. */
export async function givenWay(): Promise<void> {
  do await nextTurn();
  while (waiting());
}

/**
 * A pause for loops that call it often: it yields to the event loop only once `ms` have passed
 * since it last did, so that slices last about `ms` whatever the cost of one step (a step may
 * cost a microsecond on a small corpus and far more on a large one), or at once while the
 * client's messages wait, until they have been handled.
 */
export function sliced(ms = 8): () => Promise<void> {
  let since = performance.now();
  return () => {
    if (performance.now() - since < ms && !waiting()) return DONE;
    return givenWay().then(() => {
      since = performance.now();
    });
  };
}
