/**
 * Builds the shipped catalog, `server/catalog/shipped.json`, from:
 *  - curated data with a schema (`server/catalog/entities.json`, `server/catalog/data/*.json`):
 *    people, organisations, places, and per country what CLDR lacks (`data/countries.json`:
 *    the name news uses, variants, demonym, capital);
 *  - Unicode CLDR, generated here: every country and territory (Arabic names from
 *    `cldr-localenames-full`), the world cities CLDR names for time zones (`cldr-dates-full`);
 *  - per country with a demonym: the demonym's forms, and the bodies news names with it
 *    (وزارة الخارجية المصرية, الجيش السوداني, الحكومة العراقية …).
 * An entry's id joins the pieces: the first one given (curated before generated) sets its
 * fields, and every piece adds names. A generated name that a curated entry already has is
 * dropped (one name, one entity). One-word names in the Arabic word list (`@cspell/dict-ar`)
 * are listed for curation (`--flagged`).
 *
 *   npx tsx scripts/build-catalog.mts       (run by `npm run build` and before the unit tests)
 */
import Ajv from 'ajv';
import { readFileSync, readdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { fileURLToPath } from 'url';
import { decodeTrie } from 'cspell-trie-lib';
import type { CatalogEntry, CatalogFile, EntityType, ShortForm } from '../server/src/core/catalog/types';

import { tokenKeys } from '../server/src/core/text/tokenize';
import { normalizeKey } from '../server/src/core/text/normalize';
import { GIVEN_NAMES } from '../server/src/core/entities/lexicon';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = path.join(root, 'node_modules');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const versionOf = (pkg: string) => readJson<{ version: string }>(path.join(modules, pkg, 'package.json')).version;

type Entry = { -readonly [K in keyof CatalogEntry]: CatalogEntry[K] } & { source?: string };

interface CountryData {
  ar?: string;
  aliases?: string[];
  demonym?: string;
  demonymVariants?: string[];
  plurals?: string[];
  capital?: { ar: string; en: string };
  /** Words that must be near the country's one-word name (مالي is also "financial"). */
  context?: string[];
  source?: string;
}

// ---- Curated data, checked against the schema --------------------------------------------
const schema = readJson<object>(path.join(root, 'server/catalog/catalog.schema.json'));
const validate = new Ajv({ allErrors: true, strict: false }).compile<CatalogFile>(schema);
function curated(file: string): Entry[] {
  const data = readJson<unknown>(file);
  if (!validate(data)) {
    const errors = (validate.errors ?? []).slice(0, 10).map((e) => `  ${e.instancePath} ${e.message}`);
    throw new Error(`${path.relative(root, file)} does not match the catalog schema:\n${errors.join('\n')}`);
  }
  return (data as CatalogFile).entities.map((e) => ({ ...e }) as Entry);
}
const dataDir = path.join(root, 'server/catalog/data');
const curatedFiles = ['server/catalog/entities.json', ...readdirSync(dataDir).filter((f) => f.endsWith('.json') && f !== 'countries.json').sort().map((f) => `server/catalog/data/${f}`)];
const curatedEntries = curatedFiles.flatMap((f) => curated(path.join(root, f)));
const countries = readJson<{ countries: Record<string, CountryData> }>(path.join(dataDir, 'countries.json')).countries;

/** The Arabic word list: a name that is also in it is an ordinary word as often as a name. */
const words = decodeTrie(gunzipSync(readFileSync(path.join(modules, '@cspell/dict-ar/ar.trie.gz'))).toString('utf8'));
const isWord = (w: string) => words.has(w) || words.has(w.replace(/[أإآ]/g, 'ا'));

// ---- Generated from CLDR -----------------------------------------------------------------
const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const territories = (locale: string) => readJson<{ main: Record<string, { localeDisplayNames: { territories: Record<string, string> } }> }>(path.join(modules, `cldr-localenames-full/main/${locale}/territories.json`)).main[locale].localeDisplayNames.territories;
const arNames = territories('ar');
const enNames = territories('en');
/** Codes CLDR gives that are no country or territory (groupings, pseudo-regions, the unknown). */
const NOT_PLACES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB', 'AQ']);
/** A country's English name: CLDR's short form when it has a real one (Palestine, Myanmar, Hong Kong). */
const englishName = (code: string) => {
  const short = enNames[`${code}-alt-short`];
  return short && short.length > 3 ? short : enNames[code];
};
/** A country's Arabic name from CLDR with the bracketed or dashed qualifiers news leaves out. */
const plainArabic = (name: string) => name.replace(/\s*\(.*\)\s*/g, '').replace(/\s+-\s+/g, ' ').trim();

const generated: Entry[] = [];
const placeIdOf = new Map<string, string>();
for (const code of Object.keys(arNames).filter((c) => /^[A-Z]{2}$/.test(c) && !NOT_PLACES.has(c))) {
  const en = englishName(code);
  const id = `place:${slug(en)}`;
  placeIdOf.set(code, id);
  const data = countries[code] ?? {};
  const cldr = [arNames[code], arNames[`${code}-alt-short`], arNames[`${code}-alt-variant`]].filter((n): n is string => !!n);
  const ar = data.ar ?? plainArabic(cldr[0]);
  const demonyms = data.demonym ? demonymForms([data.demonym, ...(data.demonymVariants ?? [])], data.plurals ?? []) : [];
  generated.push({
    id,
    type: 'place',
    ar,
    en,
    aliases: unique([...cldr, ...cldr.map(plainArabic), ...(data.aliases ?? [])]).filter((a) => a !== ar),
    demonyms,
    ...(data.context ? { context: data.context } : {}),
    subtype: 'country',
    description: data.capital ? `Country or territory (ISO ${code}); capital ${data.capital.en}.` : `Country or territory (ISO ${code}).`,
    source: `Unicode CLDR ${versionOf('cldr-localenames-full')} (territory ${code})${data.source ? `; ${data.source}` : ''}`,
  });
  if (data.demonym) generated.push(...countryBodies(code, en, data.demonym));
}

// World cities: the exemplar cities of CLDR's time-zone names, Arabic and English (those whose
// name is an ordinary word are left out below: the curated places hold the cities news names).
type Zones = { [k: string]: Zones | string };
const zones = (locale: string) => readJson<{ main: Record<string, { dates: { timeZoneNames: { zone: Zones } } }> }>(path.join(modules, `cldr-dates-full/main/${locale}/timeZoneNames.json`)).main[locale].dates.timeZoneNames.zone;
function exemplarCities(z: Zones, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(z)) {
    if (typeof v !== 'object') continue;
    if (typeof v.exemplarCity === 'string') out.set(`${prefix}${k}`, v.exemplarCity);
    else for (const [id, name] of exemplarCities(v, `${prefix}${k}/`)) out.set(id, name);
  }
  return out;
}
const arCities = exemplarCities(zones('ar'));
const enCities = exemplarCities(zones('en'));
for (const [zone, ar] of arCities) {
  const en = enCities.get(zone) ?? zone.split('/').pop()!.replace(/_/g, ' ');
  // Zones named after a region or a base, not a city, and names of one letter or none.
  if (zone.startsWith('Etc/') || tokenKeys(ar).join('').length < 3 || isWord(ar)) continue;
  generated.push({ id: `place:${slug(en)}`, type: 'place', ar, en, subtype: 'city', description: `City (time zone ${zone}).`, source: `Unicode CLDR ${versionOf('cldr-dates-full')} (exemplar city of ${zone})` });
}

/** The forms of a nisba demonym (مصري): with and without the article, feminine, plurals and duals. */
function demonymForms(bases: readonly string[], plurals: readonly string[]): string[] {
  const out: string[] = [];
  for (const b of bases) out.push(b, `${b}ة`, `${b}ون`, `${b}ين`, `ال${b}`, `ال${b}ة`, `ال${b}ون`, `ال${b}ين`, `ال${b}تين`, `ال${b}تان`);
  return unique([...out, ...plurals]);
}

/** The bodies Arabic news names by a country's demonym, each an organisation of that country. */
function countryBodies(code: string, country: string, demonym: string): Entry[] {
  const feminine = `ال${demonym}ة`;
  const masculine = `ال${demonym}`;
  const body = (key: string, en: string, ar: string, aliases: string[] = []): Entry => ({
    id: `org:${slug(country)}-${key}`,
    type: 'organisation',
    ar,
    en: `${en} of ${country}`,
    aliases,
    subtype: key === 'army' ? 'army' : key === 'parliament' ? 'parliament' : 'ministry',
    description: `${en} of ${country}.`,
    source: `Generated from the demonym of ${country} (ISO ${code})`,
  });
  return [
    body('mfa', 'Ministry of Foreign Affairs', `وزارة الخارجية ${feminine}`, [`الخارجية ${feminine}`]),
    body('defence', 'Ministry of Defence', `وزارة الدفاع ${feminine}`, [`الدفاع ${feminine}`]),
    body('interior', 'Ministry of the Interior', `وزارة الداخلية ${feminine}`, [`الداخلية ${feminine}`]),
    body('finance', 'Ministry of Finance', `وزارة المالية ${feminine}`),
    body('health', 'Ministry of Health', `وزارة الصحة ${feminine}`),
    body('economy', 'Ministry of the Economy', `وزارة الاقتصاد ${feminine}`),
    body('justice', 'Ministry of Justice', `وزارة العدل ${feminine}`),
    body('army', 'Armed Forces', `الجيش ${masculine}`, [`القوات المسلحة ${feminine}`]),
    body('government', 'Government', `الحكومة ${feminine}`),
    body('parliament', 'Parliament', `البرلمان ${masculine}`),
    body('presidency', 'Presidency', `الرئاسة ${feminine}`),
  ];
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

// ---- Joining pieces by id ------------------------------------------------------------------
const nameOf = (s: ShortForm) => (typeof s === 'string' ? s : s.text);
const byId = new Map<string, Entry>();
const curatedIds = new Set(curatedEntries.map((e) => e.id));
for (const e of [...curatedEntries, ...generated]) {
  const had = byId.get(e.id);
  if (!had) {
    byId.set(e.id, { ...e });
    continue;
  }
  if (had.type !== e.type) throw new Error(`id ${e.id} is a ${had.type} and a ${e.type}`);
  had.aliases = unique([...(had.aliases ?? []), ...(e.aliases ?? []), ...(e.ar !== had.ar ? [e.ar] : [])]);
  had.demonyms = unique([...(had.demonyms ?? []), ...(e.demonyms ?? [])]);
  had.context = unique([...(had.context ?? []), ...(e.context ?? [])]);
  const shorts = new Map((had.short ?? []).map((s) => [nameOf(s), s]));
  for (const s of e.short ?? []) if (!shorts.has(nameOf(s))) shorts.set(nameOf(s), s);
  had.short = [...shorts.values()];
  for (const k of ['en', 'description', 'subtype', 'wikidata', 'source', 'roles'] as const) if (had[k] === undefined && e[k] !== undefined) (had as Record<string, unknown>)[k] = e[k];
}

// One name, one entity: a generated entry gives up a name a curated entry holds (the curated
// entry knows better what the name means), and a name that only repeats another is dropped.
const key = (name: string) => tokenKeys(name).join(' ');
const curatedNames = new Map<string, string>();
for (const e of byId.values()) {
  if (!curatedIds.has(e.id)) continue;
  for (const n of [e.ar, ...(e.aliases ?? []), ...(e.demonyms ?? [])]) if (!curatedNames.has(key(n))) curatedNames.set(key(n), e.id);
}
let dropped = 0;
const entries: Entry[] = [];
for (const e of byId.values()) {
  const own = (n: string) => {
    const holder = curatedNames.get(key(n));
    // A country keeps its names: a name it shares (عمان: Oman, Amman) is told apart by context.
    const keep = curatedIds.has(e.id) || e.subtype === 'country' || holder === undefined || holder === e.id;
    if (!keep) dropped++;
    return keep && key(n) !== '';
  };
  const clean = { ...e };
  clean.aliases = unique((e.aliases ?? []).filter(own)).filter((a) => key(a) !== key(e.ar));
  clean.demonyms = unique((e.demonyms ?? []).filter(own));
  if (!own(e.ar)) {
    // The entry's own name belongs to a curated entity: the entry goes unless an alias is left.
    if (clean.aliases.length === 0) continue;
    clean.ar = clean.aliases.shift()!;
  }
  for (const k of ['aliases', 'demonyms', 'context', 'short'] as const) if ((clean[k] as readonly unknown[] | undefined)?.length === 0) delete clean[k];
  entries.push(clean);
}

// ---- Short forms that are given names ------------------------------------------------------
// A bare given name (مراد, خليفة) is many people's, and after a title it starts another person's
// name (رئيس البلدية مراد …): it is no person's short form.
let givenNames = 0;
for (const e of entries) {
  if (e.type !== 'person' || !e.short) continue;
  const kept = e.short.filter((s) => !GIVEN_NAMES.has(normalizeKey(typeof s === 'string' ? s : s.text)));
  givenNames += e.short.length - kept.length;
  if (kept.length > 0) e.short = kept;
  else delete e.short;
}

// ---- Latin acronyms ------------------------------------------------------------------------
// Arabic news writes many bodies' acronyms in Latin letters (PKK, CNN, IFC): an organisation
// whose Latin name is an acronym, or ends with one in brackets, is found by it too. Only
// capitals, two letters at least, and not an acronym some other entity already takes.
const acronymOf = (en: string | undefined) => /^([A-Z]{2,6})$/.exec(en ?? '')?.[1] ?? /\(([A-Z]{2,6})\)$/.exec(en ?? '')?.[1];
const acronymCount = new Map<string, number>();
for (const e of entries) {
  const a = e.type === 'organisation' ? acronymOf(e.en) : undefined;
  if (a) acronymCount.set(a, (acronymCount.get(a) ?? 0) + 1);
}
let acronyms = 0;
for (const e of entries) {
  const a = e.type === 'organisation' ? acronymOf(e.en) : undefined;
  if (!a || acronymCount.get(a) !== 1 || (e.aliases ?? []).includes(a)) continue;
  e.aliases = [...(e.aliases ?? []), a];
  acronyms++;
}

// ---- Names that are also ordinary words -----------------------------------------------------
// Listed for curation, not acted on: the word list holds proper names as well (بوتين, نتنياهو,
// بايدن are in it, with their inflections), so it cannot tell a surname from a common word. The
// curated data marks the short forms that are common words (`requiresAntecedent`) and gives
// places and organisations whose one-word name is a common word their `context`.
const flagged: string[] = [];
for (const e of entries) {
  const oneWord = [e.ar, ...(e.aliases ?? []), ...(e.short ?? []).filter((s) => typeof s === 'string')].filter((n) => tokenKeys(n).length === 1);
  if (e.context?.length || e.subtype === 'country') continue;
  for (const n of oneWord) if (isWord(n)) flagged.push(`${e.id} «${n}»`);
}

// ---- Out -----------------------------------------------------------------------------------
entries.sort((a, b) => (curatedIds.has(a.id) === curatedIds.has(b.id) ? 0 : curatedIds.has(a.id) ? -1 : 1));
const out = {
  version: 1,
  generatedFrom: {
    curated: curatedFiles,
    'cldr-localenames-full': versionOf('cldr-localenames-full'),
    'cldr-dates-full': versionOf('cldr-dates-full'),
    '@cspell/dict-ar': versionOf('@cspell/dict-ar'),
  },
  entities: entries,
};
if (!validate({ version: 1, entities: entries.map(({ ...e }) => e) })) throw new Error(`the built catalog does not match the schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
writeFileSync(path.join(root, 'server/catalog/shipped.json'), `${JSON.stringify(out)}\n`);

const count = (t: EntityType) => entries.filter((e) => e.type === t).length;
const names = entries.reduce((n, e) => n + 1 + (e.aliases?.length ?? 0) + (e.short?.length ?? 0) + (e.demonyms?.length ?? 0), 0);
console.log(
  `catalog: ${entries.length} entities (${count('person')} people, ${count('organisation')} organisations, ${count('place')} places, ${count('topic')} topics), ${names} names; ` +
    `${generated.length} pieces generated from CLDR and demonyms; ${dropped} generated names left to curated entries; ${givenNames} short forms that are given names left out; ${acronyms} Latin acronyms of organisations added as names; ` +
    `${flagged.length} one-word names and short forms are in the Arabic word list and link without context (--flagged lists them)`,
);
if (process.argv.includes('--flagged')) for (const f of flagged) console.log(`  ${f}`);

