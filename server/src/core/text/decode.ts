/**
 * Bytes → text. UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, Windows-1256 (the legacy
 * Arabic code page) for bytes that are not valid UTF-8, and rejection of binary content.
 * Decoding of legacy code pages is iconv-lite's job.
 */
import * as iconv from 'iconv-lite';

export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'windows1256';

export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: Encoding }
  | { readonly ok: false; readonly reason: string };

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function looksBinary(bytes: Uint8Array, from: number): boolean {
  const n = Math.min(bytes.length, from + 8192);
  let control = 0;
  for (let i = from; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
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
