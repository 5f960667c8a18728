/**
 * Discovery of people the catalog does not know, from the way news prose introduces them: a role
 * or title phrase (وزير الخارجية …, المتحدثة باسم …, الأمين العام …, نظيره الروسي …) followed by a
 * name. The role is every definite or role word after the title; the name is the two or three
 * indefinite tokens that follow it.
 */
import { keyHash, type Token } from '../text/tokenize';
import { normalizeKey } from '../text/normalize';

export interface DiscoveredName {
  /** Normalised name key: the identity that links the person across articles. */
  readonly key: string;
  /** The name as written. */
  readonly text: string;
  readonly role: string;
  readonly start: number;
  readonly end: number;
}

const k = (words: string) => words.split(' ').map(normalizeKey);

const TITLES = new Set(
  k('وزير وزيرة الوزير الوزيرة الرئيس رئيس رئيسة المتحدث المتحدثة الناطق الناطقة الامين الأمينة سكرتير السكرتير مستشار مستشارة المستشار السفير السفيرة سفير مندوب المندوب المندوبة نائب النائب مدير المدير مديرة المبعوث مبعوث نظيره نظيرته نظيرها ملك الملك الأمير امير الجنرال العقيد الشيخ عضو الدكتور د'),
);
/** The `keyHash`es of titles, also after و or ف, one bit each: most tokens are turned away on their hash. */
const TITLE_BITS = new Uint32Array(1024);
for (const t of TITLES) {
  for (const form of [t, `و${t}`, `ف${t}`]) {
    const h = keyHash(form);
    TITLE_BITS[(h >>> 5) & 1023] |= 1 << (h & 31);
  }
}
/** Words that continue a role phrase even without the article. */
const ROLE_WORDS = new Set(
  k('باسم وزارة وزاره مجلس لجنة هيئة العام عام للشؤون شؤون لشؤون الشؤون الخارجية الدفاع الداخلية مكتب للجنة للحزب لمجلس لوزارة للأمم المتحدة الدولة الوزراء التحرير حزب جمهورية لجمهورية لدى في'),
);
/** Words that end a name: particles and the verbs that follow a name in reports. */
const STOP = new Set(
  k('إن ان أن انه إنه أنه قد قال وقال أكد وأكد أضاف وأضاف أوضح وأوضح أشار وأشار خلال مع على عن من إلى الى في اليوم يوم بعد قبل الذي التي وهو وهي هو هي حيث كما لقد ثم او أو و بين عبر منذ حتى'),
);

/** Whether a key starts with the article (ال), alone or after و, ب, ف or ك, or as لل; char codes, as this runs for most tokens. */
function isDefinite(key: string): boolean {
  const c = key.charCodeAt(0);
  const at = c === 0x648 || c === 0x628 || c === 0x641 || c === 0x643 ? 1 : 0;
  const a = key.charCodeAt(at);
  const l = key.charCodeAt(at + 1);
  if (a === 0x627 && l === 0x644) return true;
  return at === 0 && a === 0x644 && l === 0x644;
}

/** Whether a token may be part of a discovered name: indefinite, without digits, two letters or more (particles and catalog words aside). */
export function mayBeNameWord(key: string): boolean {
  if (key.length < 2) return false;
  // The common case first, without a regular expression: a word that starts with no article or clitic letter.
  const c = key.charCodeAt(0);
  if ((c === 0x627 || c === 0x648 || c === 0x628 || c === 0x644 || c === 0x641 || c === 0x643) && isDefinite(key)) return false;
  for (let i = 0; i < key.length; i++) {
    const d = key.charCodeAt(i);
    if ((d >= 0x30 && d <= 0x39) || (d >= 0x660 && d <= 0x669) || (d >= 0x6f0 && d <= 0x6f9)) return false;
  }
  return true;
}

/**
 * Finds introduced names among `tokens`. `covered(i)` tells whether token i is already part of a
 * recognised mention; `known(key)` whether a token starts a catalog name.
 */
export function discoverNames(text: string, tokens: readonly Token[], covered: (i: number) => boolean, known: (key: string) => boolean): DiscoveredName[] {
  const out: DiscoveredName[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if ((TITLE_BITS[(t.hash >>> 5) & 1023] & (1 << (t.hash & 31))) === 0) continue;
    if (!TITLES.has(t.key) && !((t.key[0] === 'و' || t.key[0] === 'ف') && t.key.length > 3 && TITLES.has(t.key.slice(1)))) continue;
    // The role phrase: definite words, role words and recognised mentions (demonyms, organisations).
    let j = i + 1;
    while (j < tokens.length && j - i <= 10 && (isDefinite(tokens[j].key) || ROLE_WORDS.has(tokens[j].key) || covered(j)) && sameClause(text, tokens[j - 1], tokens[j])) j++;
    const nameStart = j;
    while (j < tokens.length && j - nameStart < 3) {
      const key = tokens[j].key;
      // آن (a name) folds to the same key as أن/إن (particles); the written alef tells them apart.
      const particle = STOP.has(key) && text[tokens[j].start] !== 'آ';
      if (covered(j) || !mayBeNameWord(key) || particle || known(key)) break;
      if (j > nameStart && !sameClause(text, tokens[j - 1], tokens[j])) break;
      if (j === nameStart && !sameClause(text, tokens[j - 1], tokens[j])) break;
      j++;
    }
    if (j - nameStart < 2) continue;
    const first = tokens[nameStart];
    const last = tokens[j - 1];
    out.push({
      key: tokens.slice(nameStart, j).map((x) => x.key).join(' '),
      text: text.slice(first.start, last.end),
      role: text.slice(t.start, tokens[nameStart - 1].end),
      start: first.start,
      end: last.end,
    });
    i = j - 1;
  }
  return out;
}

/** Two tokens are in one clause when only spaces (or a hyphen) on one line separate them. */
function sameClause(text: string, a: Token, b: Token): boolean {
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0xa0 && c !== 0x2d && c !== 0x640) return false;
  }
  return true;
}
