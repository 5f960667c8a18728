/** What the workspace tells the server: log lines, warnings, catalog problems, status; and the progress of a scan. */

export interface WorkspaceHost {
  log(message: string): void;
  /** Diagnostics for the workspace catalog (empty list clears them). */
  catalogProblems(uri: string, problems: { message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]): void;
  /** A message a user must see once (malformed catalog, skipped files). */
  warn(message: string): void;
  statusChanged(): void;
}

export interface Progress {
  begin(total: number): void;
  report(done: number, total: number): void;
  done(): void;
  readonly cancelled: boolean;
}
