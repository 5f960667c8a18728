/**
 * Counts the client's messages read from the transport and not yet handled. The JSON-RPC library
 * handles one queued message a turn of the event loop, so a burst (a client opening twenty
 * documents, then asking for hovers, outlines and tokens) waits as many turns; background work
 * that gives way while messages wait keeps every turn short until the queue is empty.
 */
import { IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter, type Message, type MessageReader, type MessageStrategy, type MessageWriter } from 'vscode-languageserver/node';

/** Cancellations are not counted: the library acts on some at once and never queues them. */
const counted = (m: Message) => (m as { method?: string }).method !== '$/cancelRequest';

/** A count that has not moved for this long is off (a message the library dropped) and set right. */
const STALE_MS = 100;

export class IncomingMessages {
  private received = 0;
  private handled = 0;
  private movedAt = 0;

  /** Counts handled messages; passed to the connection as its message strategy. */
  readonly strategy: MessageStrategy = {
    handleMessage: (m, next) => {
      if (counted(m)) {
        this.handled++;
        this.movedAt = performance.now();
      }
      next(m);
    },
  };

  /** `inner`, counting the messages it reads. */
  reader(inner: MessageReader): MessageReader {
    return {
      onError: inner.onError,
      onClose: inner.onClose,
      onPartialMessage: inner.onPartialMessage,
      listen: (callback) =>
        inner.listen((m) => {
          if (counted(m)) {
            this.received++;
            this.movedAt = performance.now();
          }
          callback(m);
        }),
      dispose: () => inner.dispose(),
    };
  }

  /** Whether messages read wait to be handled. */
  waiting(): boolean {
    if (this.received <= this.handled) return false;
    if (performance.now() - this.movedAt > STALE_MS) {
      this.handled = this.received;
      return false;
    }
    return true;
  }

  /**
   * The reader and writer of the transport the command line names, `--stdio` or `--node-ipc`;
   * undefined for the others (sockets, pipes), which the library sets up, uncounted.
   */
  transport(argv: readonly string[]): { reader: MessageReader; writer: MessageWriter; stdio: boolean } | undefined {
    if (argv.includes('--stdio')) return { reader: this.reader(new StreamMessageReader(process.stdin)), writer: new StreamMessageWriter(process.stdout), stdio: true };
    if (argv.includes('--node-ipc')) return { reader: this.reader(new IPCMessageReader(process)), writer: new IPCMessageWriter(process), stdio: false };
    return undefined;
  }
}
