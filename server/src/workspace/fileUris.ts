/**
 * One key per file, whatever spelling a URI comes in. Clients percent-encode file URIs in
 * different ways (VS Code's `vscode-uri` encodes `( ) ! ' …` and writes `c%3A` for a drive; Node's
 * `pathToFileURL` leaves those characters and writes `C:`), and the index keys articles by URI:
 * every URI that comes in is made into the key `fileUri` gives its path, and each client is
 * answered with its own spelling of the documents it named.
 */
import * as path from 'path';
import { URI } from 'vscode-uri';

/** Characters `vscode-uri` leaves as they are in a POSIX path. */
const PLAIN_POSIX_PATH = /^\/[A-Za-z0-9/._~-]*$/;

/**
 * An absolute POSIX path with no empty, `.` or `..` segment and no trailing slash: one that
 * resolving would leave as it is.
 */
export function isNormalPosixPath(p: string): boolean {
  return p.startsWith('/') && !/\/\.{0,2}(?:\/|$)/.test(p);
}

/**
 * The file URI of a path (resolved), spelled as VS Code spells it. A plain POSIX path (most of an
 * archive's) is its URI after `file://`, which saves parsing 100,000 paths on a scan.
 */
export const fileUri = (p: string): string => (process.platform !== 'win32' && PLAIN_POSIX_PATH.test(p) && isNormalPosixPath(p) ? `file://${p}` : URI.file(path.resolve(p)).toString());

/** The file-system path of a `file:` URI, however it is encoded. */
export const uriPath = (uri: string): string => URI.parse(uri).fsPath;

export const isFileUri = (uri: string): boolean => /^file:/i.test(uri);

export interface UriKeyOptions {
  /** The file system ignores case (Windows, macOS by default): one file, many spellings. */
  readonly caseInsensitive: boolean;
  /** The path as the file system spells it (case included), when it exists. */
  readonly realCase?: (path: string) => string | undefined;
  /** Whether the index knows this key already (then no lookup of the real case is needed). */
  readonly known?: (key: string) => boolean;
}

/** A `file:` URI none of whose characters another encoder would write otherwise. */
const PLAIN_FILE_URI = /^file:\/\/\/[A-Za-z0-9/._~-]*$/;

/**
 * The key of a URI: a `file:` URI re-encoded as `vscode-uri` writes it (the spelling `fileUri`
 * gives the same path; a drive letter in lower case); any other URI as it is. On a
 * case-insensitive file system, a URI the index does not know is spelled in the file's own case.
 */
export function uriKey(uri: string, options: UriKeyOptions = { caseInsensitive: false }): string {
  if (!isFileUri(uri)) return uri;
  const key = PLAIN_FILE_URI.test(uri) && isNormalPosixPath(uri.slice(7)) ? uri : URI.parse(uri).toString();
  if (!options.caseInsensitive || options.known?.(key)) return key;
  const real = options.realCase?.(uriPath(key));
  return real === undefined ? key : fileUri(real);
}

/**
 * The keys of the URIs a client sends, and the client's own spelling of each, to answer it
 * with. Only documents a client named are remembered (the open ones and those it asked about).
 */
export class ClientUris {
  private readonly spelling = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  constructor(private readonly options: UriKeyOptions = { caseInsensitive: false }) {}

  /** The key of a URI the client sent; remembers the client's spelling of it. */
  key(uri: string): string {
    if (typeof uri !== 'string') throw new TypeError(`not a URI: ${JSON.stringify(uri)}`);
    let key = this.keys.get(uri);
    if (key === undefined) {
      key = uriKey(uri, this.options);
      // Bounded: a client naming many files by other spellings must not grow this without end.
      if (this.keys.size > 10_000) this.keys.clear();
      this.keys.set(uri, key);
      if (key !== uri) this.spelling.set(key, uri);
    }
    return key;
  }

  /** How the client spells the file of `key` (the key itself when it never named it otherwise). */
  client(key: string): string {
    return this.spelling.get(key) ?? key;
  }

  /** Whether some URI the client sent is spelled otherwise than its key. */
  get respelled(): boolean {
    return this.spelling.size > 0;
  }

  /** A copy of `value` with every `uri` and `targetUri` in it spelled as the client spells it. */
  toClient<T>(value: T): T {
    if (!this.respelled) return value;
    const walk = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(walk);
      if (v === null || typeof v !== 'object') return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = (k === 'uri' || k === 'targetUri') && typeof x === 'string' ? this.client(x) : walk(x);
      return out;
    };
    return walk(value) as T;
  }
}
