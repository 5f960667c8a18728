/**
 * A readable Latin spelling of an Arabic name, made letter by letter: for names no catalog
 * holds, which have no Latin name of their own. Arabic script leaves short vowels unwritten, so
 * the result is a guess (خليفة حفتر → Khalifa Haftr, يوسف → Yusf), and callers mark it as
 * automatic.
 */
import { tokenKeys } from './tokenize';

const CONSONANT: Record<string, string> = {
  'ب': 'b', 'ت': 't', 'ث': 'th', 'ج': 'j', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'dh', 'ر': 'r', 'ز': 'z',
  'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': "'", 'غ': 'gh', 'ف': 'f', 'ق': 'q',
  'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'ء': "'", 'ؤ': "'", 'ئ': "'",
  'پ': 'p', 'چ': 'ch', 'گ': 'g', 'ڤ': 'v', 'ڨ': 'g',
};

/** Particles written as one Latin word each. */
const PARTICLES: Record<string, string> = { 'بن': 'bin', 'ابن': 'ibn', 'بنت': 'bint', 'ابو': 'abu', 'ال': 'al', 'ولد': 'ould', 'عبد': 'abd' };

function romanizeWord(word: string): string {
  if (PARTICLES[word]) return PARTICLES[word];
  if (word === 'الله') return 'Allah';
  let out = '';
  let rest = word;
  // The article: al-, before any letter (sun letters are not assimilated: al-Sisi, not as-Sisi).
  if (rest.length > 3 && rest.startsWith('ال')) {
    out = 'al-';
    rest = rest.slice(2);
  }
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    const first = i === 0;
    const last = i === rest.length - 1;
    if (ch === 'ا' || ch === 'آ') out += 'a';
    else if (ch === 'ى') out += 'a';
    else if (ch === 'ة') out += 'a';
    // Long-vowel letters: consonants at the start of a word or next to another vowel letter.
    else if (ch === 'و' || ch === 'ي') {
      const consonant = first || rest[i - 1] === 'ا';
      out += ch === 'و' ? (consonant ? 'w' : 'u') : consonant ? 'y' : 'i';
      if (first && rest[i + 1] && CONSONANT[rest[i + 1]]) out += 'a';
    }
    // The keys fold ة into ه: a final ه after a consonant is mostly one (خليفة → Khalifa).
    else if (ch === 'ه' && last && i > 0 && !'او'.includes(rest[i - 1])) out += rest[i - 1] === 'ي' ? 'ya' : 'a';
    else {
      const c = CONSONANT[ch] ?? '';
      // An initial ع or hamza is not written ('Umar → Umar).
      out += first && c === "'" ? '' : c;
      // Two consonants running together at the start get a vowel between them (بر → bar).
      const next = rest[i + 1];
      if (c && c !== "'" && next && CONSONANT[next] && !last && i === 0) out += 'a';
    }
  }
  return out;
}

const capitalized = (w: string) => w.replace(/^(al-)?(.)/u, (_, al: string | undefined, c: string) => `${al ? 'al-' : ''}${c.toUpperCase()}`);

/** The name in Latin letters, each word capitalised but the particles (bin, al-). */
export function romanize(name: string): string {
  return tokenKeys(name)
    .map((k) => {
      const w = romanizeWord(k);
      return Object.values(PARTICLES).includes(w) && w !== 'abd' && w !== 'abu' ? w : capitalized(w);
    })
    .filter(Boolean)
    .join(' ');
}
