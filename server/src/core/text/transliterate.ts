/**
 * A consonant skeleton shared by Arabic script and Latin transliteration, so that "lavrov"
 * meets لافروف and "shanghai" meets شانغهاي / شنغهاي. Classes: v/f, p/b, j/g/غ/ج, sh/x/ch/ش,
 * kh/خ, q/k/c/ق/ك; vowels, w/y and their Arabic long-vowel letters are dropped.
 */
import { normalizeKey } from './normalize';

const ARABIC_CLASS: Record<string, string> = {
  'ب': 'b', 'ت': 't', 'ط': 't', 'ث': 's', 'س': 's', 'ص': 's', 'ج': 'g', 'غ': 'g', 'ح': 'h', 'ه': 'h',
  'خ': 'c', 'د': 'd', 'ض': 'd', 'ذ': 'z', 'ز': 'z', 'ظ': 'z', 'ر': 'r', 'ش': 'x', 'ف': 'f',
  'ق': 'k', 'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n',
};

function arabicSkeleton(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    if (ch === 'ت' && word[i + 1] === 'ش') {
      out += 'x';
      i++;
      continue;
    }
    // A final ه after a long vowel letter spells a vowel in transliterated names (جيه).
    if (ch === 'ه' && i === word.length - 1 && i > 0 && 'يوا'.includes(word[i - 1])) continue;
    out += ARABIC_CLASS[ch] ?? (/[0-9]/.test(ch) ? ch : '');
  }
  return out;
}

function latinSkeleton(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    const next = word[i + 1];
    if ((ch === 's' || ch === 'c') && next === 'h') { out += 'x'; i++; continue; }
    if (ch === 'k' && next === 'h') { out += 'c'; i++; continue; }
    if (ch === 'z' && next === 'h') { out += 'g'; i++; continue; }
    if (ch === 'd' && next === 'j') { out += 'g'; i++; continue; }
    if (ch === 't' && next === 's') { out += 's'; i++; continue; }
    if (ch === 'c' && next === 'k') { out += 'k'; i++; continue; }
    switch (ch) {
      case 'v': case 'f': out += 'f'; break;
      case 'p': case 'b': out += 'b'; break;
      case 'j': case 'g': out += 'g'; break;
      case 'x': out += 'x'; break;
      case 'q': case 'k': case 'c': out += 'k'; break;
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w': break;
      default:
        if (/[a-z0-9]/.test(ch)) out += ch;
    }
    // Doubled consonants are one sound.
    if (out.length >= 2 && out[out.length - 1] === out[out.length - 2] && /[a-z]/.test(out[out.length - 1])) out = out.slice(0, -1);
  }
  return out;
}

/** Skeleton of `text`, words run together ("jinping" = "جين بينغ"); Arabic and Latin both handled. */
export function latinKey(text: string): string {
  return normalizeKey(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (/[\u0600-\u06ff]/.test(w) ? arabicSkeleton(w) : latinSkeleton(w.normalize('NFD').replace(/\p{M}/gu, ''))))
    .filter(Boolean)
    .join('');
}
