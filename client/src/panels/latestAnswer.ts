/**
 * What a panel asks the server for the page to draw: a newer question cancels the one before
 * (the user moved on), whose answer is then dropped; a failure goes to the page as a message.
 */
import * as vscode from 'vscode';
import type { WaitingMessage } from './pageMessages';

export class LatestAnswer implements vscode.Disposable {
  private asked = 0;
  private cancel: vscode.CancellationTokenSource | undefined;

  constructor(private readonly post: (m: WaitingMessage) => unknown) {}

  /** The answer, or undefined when a newer question came first or this one failed. */
  async ask<T>(request: (token: vscode.CancellationToken) => Thenable<T>): Promise<T | undefined> {
    const asked = ++this.asked;
    this.cancel?.cancel();
    const cancel = (this.cancel = new vscode.CancellationTokenSource());
    this.post({ type: 'busy' });
    try {
      const answer = await request(cancel.token);
      return asked === this.asked ? answer : undefined;
    } catch (e) {
      if (asked === this.asked && !cancel.token.isCancellationRequested) this.post({ type: 'error', message: String((e as Error).message ?? e) });
      return undefined;
    }
  }

  dispose(): void {
    this.cancel?.cancel();
  }
}
