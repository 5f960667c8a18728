// A synthetic corpus of N Arabic news articles, reproducible from a seed, recombined from the
// sentences of the sample articles, with entity spellings, clitics, dates, datelines, people
// introduced by role phrases and web-page boilerplate varied so that it reads like real saved pages.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VARIANTS = [
  ['سيرغي لافروف', ['سيرجي لافروف', 'سيرغي لافروف', 'سيرغيه لافروف']],
  ['وانغ يي', ['وانج يي', 'وانغ يي', 'وانغ يى']],
  ['شي جين بينغ', ['شي جين بينج', 'شي جين بينغ', 'شي جينبينغ']],
  ['شانغهاي', ['شنغهاي', 'شانغهاي']],
  ['فلاديمير بوتين', ['فلاديمير بوتين', 'فلاديمير بوتـين', 'فلاديمير بُوتين']],
];
const MONTHS = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const LEVANT = ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'];
const WEEKDAYS = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];
const PLACES = ['بكين', 'موسكو', 'كوالالمبور', 'شانغهاي', 'قازان', 'سمرقند', 'دوشنبه', 'نيويورك', 'جنيف', 'ريو دي جانيرو'];
const AGENCIES = ['شينخوا', 'سبوتنيك', 'تاس', 'أ ف ب', 'رويترز'];
const FIRST = ['أحمد', 'ماركو', 'جان', 'كارلوس', 'هيروشي', 'إيفان', 'سامي', 'لي', 'آنا', 'فيكتور', 'نادية', 'عمر', 'بيتر', 'ماريا', 'كيم', 'راجيش', 'فاطمة', 'توماس', 'ديفيد', 'يوسف'];
const LAST = ['بيرتوني', 'دوبوا', 'ناكامورا', 'بتروف', 'الخطيب', 'سيلفا', 'شميت', 'كوفالسكي', 'أوكونور', 'تشانغ', 'سينغ', 'مورينو', 'هانسن', 'فيشر', 'غارسيا', 'ليندبرغ', 'كاظمي', 'رودريغيز', 'ياماموتو', 'نوفاك'];
const ROLES = ['وزير الخارجية البرازيلي', 'المتحدث باسم وزارة الخارجية الهندية', 'سفير جنوب أفريقيا لدى الصين', 'نائب وزير الخارجية الإيراني', 'المبعوث الخاص للأمين العام', 'مستشار الأمن القومي الباكستاني'];
const TEASERS = ['مروحيات ترافق موكب الوزير في العاصمة... فيديو', 'زعماء مجموعة العشرين يؤيدون إنشاء عالم خال من الأسلحة النووية', 'ارتفاع أسعار النفط في الأسواق العالمية', 'قمة إقليمية تبحث أمن الطاقة'];

function sentencePool(seedsDir) {
  const sentences = [];
  const headlines = [];
  for (const f of readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()) {
    const lines = readFileSync(path.join(seedsDir, f), 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    for (const l of lines) {
      const words = l.split(/\s+/).length;
      if (words >= 14) sentences.push(...l.split(/(?<=\.)\s+/).filter((s) => s.split(/\s+/).length >= 8));
      else if (words >= 5 && words < 16 && !/[.»"]$/.test(l)) headlines.push(l);
    }
  }
  return { sentences, headlines };
}

export function makeArticle(rnd, pool, i) {
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const y = 2015 + Math.floor(rnd() * 11);
  const m = Math.floor(rnd() * 12);
  const d = 1 + Math.floor(rnd() * 28);
  const date = new Date(Date.UTC(y, m, d));
  const parts = [];
  const style = rnd();
  if (style < 0.3) parts.push(`${WEEKDAYS[date.getUTCDay()]} ${d} ${MONTHS[m]} ${y}`, 'رئيس التحرير', pick(FIRST) + ' ' + pick(LAST), '');
  else if (style < 0.5) parts.push(`${(d % 12) + 1}:${String(d * 2).padStart(2, '0')} صباحًا / ${d} ${MONTHS[m]}، ${y}`, 'آخر الاخبار', '');
  else if (style < 0.7) parts.push('الصفحة الرئيسية >> التبادلات الدولية', '');
  const headline = pick(pool.headlines);
  parts.push(headline, '');
  if (style >= 0.5 && style < 0.7) parts.push(`/مصدر: ${pick(AGENCIES)}/   ${y}:${String(m + 1).padStart(2, '0')}:${String(d).padStart(2, '0')}.09:45`, '');
  const dateWords = rnd() < 0.3 ? `${d} ${LEVANT[m]} ${y}` : `${d} ${MONTHS[m]} ${y}`;
  const n = 5 + Math.floor(rnd() * 8);
  const body = [];
  for (let k = 0; k < n; k++) {
    let s = pick(pool.sentences);
    for (const [canon, forms] of VARIANTS) if (s.includes(canon)) s = s.split(canon).join(pick(forms));
    if (rnd() < 0.15) s = `وقال ${pick(ROLES)} ${FIRST[(i * 7 + k) % FIRST.length]} ${LAST[(i * 3 + k * 5) % LAST.length]} إن ${s.replace(/^و?(قال|أكد|أضاف|أشار)\s+/, '')}`;
    body.push(s);
  }
  body[0] = `${pick(PLACES)} ${dateWords} (${pick(AGENCIES)}) ${body[0]}`;
  parts.push(...body.map((p) => p + '\n'));
  if (rnd() < 0.6) parts.push('شاهد أيضاً', '', pick(TEASERS), pick(TEASERS));
  return parts.join('\n');
}

/** Writes N articles under `dir` (1,000 a folder); returns the folder. Idempotent per (N, seed). */
export function generateCorpus({ seedsDir, dir, n, seed = 42 }) {
  const marker = path.join(dir, `.complete-${n}-${seed}`);
  if (existsSync(marker)) return dir;
  const rnd = mulberry32(seed);
  const pool = sentencePool(seedsDir);
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `article-${String(i).padStart(6, '0')}.txt`), makeArticle(rnd, pool, i));
  }
  writeFileSync(marker, '');
  return dir;
}
