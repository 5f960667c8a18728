/**
 * Bytes → text. UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, Windows-1256 (the legacy
 * Arabic code page) for bytes that are not valid UTF-8, and rejection of binary content.
 * Decoding of legacy code pages is iconv-lite's job.
 */
import * as iconv from 'iconv-lite';
import { scratchUnits, unitsText } from './normalize';

export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'windows1256';

export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: Encoding }
  | { readonly ok: false; readonly reason: string };

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const FAST_MAX_BYTES = 1 << 20;

/**
 * UTF-8 decoding of the common case in JavaScript, as a scan decodes every article: with the
 * binary check, it takes half the time `TextDecoder` does (docs/performance.md). It declines (returns undefined) what it does not handle
 * exactly as `TextDecoder` would: anything invalid, four-byte sequences, large files.
 * `TextDecoder` decides those. It also declines the control bytes `looksBinary` counts, so that
 * text it decodes needs no such check. The UTF-16 units go to normalising's scratch buffer
 * (`scratchUnits`), which nothing else holds while a file is decoded, and out through `unitsText`.
 */
export function utf8Fast(bytes: Uint8Array, from = 0): string | undefined {
  const n = bytes.length;
  if (n - from > FAST_MAX_BYTES) return undefined;
  const out = scratchUnits(n - from).codes;
  let j = 0;
  let ascii = true;
  for (let i = from; i < n; ) {
    const c = bytes[i];
    if (c < 0x80) {
      if (c < 0x20 && isControl(c)) return undefined;
      out[j++] = c;
      i++;
      continue;
    }
    ascii = false;
    if (c >= 0xc2 && c < 0xe0) {
      // Past the end, `bytes[i + 1]` is undefined, which fails the continuation test.
      const d = bytes[i + 1];
      if ((d & 0xc0) !== 0x80) return undefined;
      out[j++] = ((c & 0x1f) << 6) | (d & 0x3f);
      i += 2;
    } else if (c >= 0xe0 && c < 0xf0) {
      const d = bytes[i + 1];
      const e = bytes[i + 2];
      if ((d & 0xc0) !== 0x80 || (e & 0xc0) !== 0x80) return undefined;
      const u = ((c & 0x0f) << 12) | ((d & 0x3f) << 6) | (e & 0x3f);
      // Overlong forms and surrogates are invalid.
      if (u < 0x800 || (u >= 0xd800 && u <= 0xdfff)) return undefined;
      out[j++] = u;
      i += 3;
    } else return undefined;
  }
  // Text in ASCII only becomes a string of one byte a character, as TextDecoder makes it.
  if (ascii) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1', from, n);
  return unitsText(out, j);
}

/** NUL and the C0 controls that text does not use (tab, line breaks, form feed and escape aside). */
const isControl = (b: number) => b < 9 || (b > 13 && b < 32 && b !== 27);

function looksBinary(bytes: Uint8Array, from: number): boolean {
  const n = Math.min(bytes.length, from + 8192);
  let control = 0;
  for (let i = from; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (isControl(b)) control++;
  }
  return n > from && control / (n - from) > 0.1;
}

export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + 2, bytes.length - 2), 'utf16le'), encoding: 'utf16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + 2, bytes.length - 2), 'utf16be'), encoding: 'utf16be' };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const from = bom ? 3 : 0;
  const fast = utf8Fast(bytes, from);
  if (fast !== undefined) return { ok: true, text: fast, encoding: bom ? 'utf8bom' : 'utf8' };
  if (looksBinary(bytes, from)) return { ok: false, reason: 'binary content (NUL or control bytes)' };
  try {
    const text = utf8Fatal.decode(bytes.subarray(from));
    return { ok: true, text, encoding: bom ? 'utf8bom' : 'utf8' };
  } catch {
    // Not UTF-8: accept Windows-1256 only when the high bytes read as Arabic letters.
  }
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), 'windows-1256');
  let high = 0;
  let arabic = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    high++;
    if ((cp >= 0x0600 && cp <= 0x06ff) || cp === 0xa0 || cp === 0xab || cp === 0xbb) arabic++;
  }
  if (high > 0 && arabic / high >= 0.6) return { ok: true, text, encoding: 'windows1256' };
  return { ok: false, reason: 'not UTF-8, UTF-16 or Windows-1256 text' };
}
