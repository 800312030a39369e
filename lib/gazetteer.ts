// The built-in list of cities (lib/gazetteer-data.json, written by server/build-gazetteer.ts from
// GeoNames): what the import and the entry form fill in from a city's name alone. Pure data and
// lookups; names match in the forms people write them («г. Якутск», «город Якутск», «Могилев»,
// «нижний  новгород», «Ростов на Дону»).
import { editDistance } from './edit-distance';
import data from './gazetteer-data.json';

export interface Place {
  geonameId: number;
  nameRu: string;
  nameEn: string;
  /** ISO 3166 two letters. */
  country: string;
  /** '' outside Russia and Belarus. */
  region: string;
  regionEn: string;
  timeZone: string;
  longitude: number;
  latitude: number;
  population: number;
}

export type PlaceMatch =
  /** `alias`: found by an old or other-language name («Горький», «Маскав»), not its own. */
  { kind: 'found'; place: Place; alias: boolean } | { kind: 'ambiguous'; places: Place[] } | { kind: 'unknown'; suggestions: Place[] };

type Row = [number, string, string, string, number, string, number, number, number, string[]];

export const PLACES: readonly Place[] = (data.places as Row[]).map(
  ([geonameId, nameRu, nameEn, country, region, timeZone, longitude, latitude, population]) => ({
    geonameId,
    nameRu,
    nameEn,
    country,
    region: data.regions[region]?.[0] ?? '',
    regionEn: data.regions[region]?.[1] ?? '',
    timeZone,
    longitude,
    latitude,
    population,
  }),
);
const ALIASES: readonly string[][] = (data.places as Row[]).map((row) => row[9]);

const DASHES = /[\u2010-\u2015\u2212]/g;
const PREFIX = /^(?:г|гор|город|городской округ|city of|city)\.?\s+|^г\.\s?о\.\s*|^г\.(?=\S)/;
const SUFFIX = /(?:,?\s+(?:г|гор|город)\.?|\s+city)$/;

/** One spelling key for a place name: case, ё/е, dashes, hyphens/spaces, quotes and «г.» folded away. */
export function placeKey(name: string): string {
  let key = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(DASHES, '-')
    .replace(/[«»"„“”'’`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (let previous = ''; previous !== key;) {
    previous = key;
    key = key.replace(PREFIX, '').replace(SUFFIX, '').trim();
  }
  return key.replace(/\s*-\s*/g, ' ').replace(/\s+/g, ' ');
}

/** The name as it should be stored: surrounding «г. » and extra spaces removed, the letters kept. */
export function cleanPlaceName(name: string): string {
  let clean = name.replace(/\s+/g, ' ').trim();
  for (let previous = ''; previous !== clean;) {
    previous = clean;
    clean = clean
      .replace(/^(?:г|гор|город)\.?\s+|^г\.(?=\S)/i, '')
      .replace(/,?\s+(?:г|гор|город)\.?$/i, '')
      .trim();
  }
  return clean;
}

function index(keys: (i: number) => string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  PLACES.forEach((_, i) => {
    for (const key of new Set(keys(i).map(placeKey))) map.set(key, [...(map.get(key) ?? []), i]);
  });
  return map;
}
// Official names first: an old or foreign alias of one city («Калининград» for Korolyov) never hides another.
const BY_NAME = index((i) => [PLACES[i]!.nameRu, PLACES[i]!.nameEn]);
const BY_ALIAS = index((i) => ALIASES[i]!);

const GENERIC = new Set([
  'область',
  'обл',
  'край',
  'республика',
  'респ',
  'автономный',
  'округ',
  'ао',
  'region',
  'oblast',
  'krai',
  'republic',
]);
const words = (text: string) =>
  placeKey(text)
    .split(/[\s,().—-]+/)
    .filter((w) => w.length >= 3 && !GENERIC.has(w));

/** Whether a region as written («Курская обл.», «Якутия») names the place's region. */
function regionMatches(place: Place, written: string): boolean {
  const wanted = words(written);
  if (wanted.length === 0) return true;
  const have = [...words(place.region), ...words(place.regionEn)];
  return wanted.every((w) => have.some((h) => h.slice(0, 5) === w.slice(0, 5)));
}

export interface PlaceHint {
  region?: string;
  /** Two-letter code. */
  country?: string;
}

/**
 * Finds a place by name. A region or country (from the file's other columns, or written after the
 * name: «Железногорск (Курская обл.)», «Железногорск, Красноярский край») picks between namesakes.
 */
export function findPlace(name: string, hint: PlaceHint = {}): PlaceMatch {
  const split = /^(.*?)\s*(?:\((.+)\)|,\s*(.+))$/.exec(name.trim());
  const key = placeKey(name);
  const own = BY_NAME.get(key);
  const direct = own ?? BY_ALIAS.get(key);
  if (!direct && split) {
    const [, base, inParens, afterComma] = split;
    return findPlace(base!, { ...hint, region: [hint.region, inParens ?? afterComma].filter(Boolean).join(' ') });
  }
  if (!direct) return { kind: 'unknown', suggestions: suggest(key) };
  let places = direct.map((i) => PLACES[i]!);
  if (hint.country) places = places.filter((p) => p.country === hint.country);
  if (hint.region?.trim()) places = places.filter((p) => regionMatches(p, hint.region!));
  if (places.length === 1) return { kind: 'found', place: places[0]!, alias: !own };
  if (places.length === 0) return { kind: 'unknown', suggestions: direct.map((i) => PLACES[i]!) };
  return { kind: 'ambiguous', places };
}

/** Up to three places whose name is a few typing mistakes away, or starts the same way. */
function suggest(key: string): Place[] {
  if (key.length < 2) return [];
  const limit = Math.max(2, Math.floor(key.length / 3));
  const scored: { i: number; d: number }[] = [];
  for (const [candidate, ids] of [...BY_NAME, ...BY_ALIAS]) {
    const d = candidate.startsWith(key) && key.length >= 4 ? 1 : editDistance(key, candidate, limit);
    if (d <= limit) for (const i of ids) scored.push({ i, d });
  }
  scored.sort((a, b) => a.d - b.d || PLACES[b.i]!.population - PLACES[a.i]!.population);
  return [...new Set(scored.map((s) => s.i))].slice(0, 3).map((i) => PLACES[i]!);
}

/** «Железногорск (Курская область)»: a name plus what tells it from its namesakes. */
export function describePlace(place: Place): string {
  return place.region ? `${place.nameRu} (${place.region})` : place.nameRu;
}

export const GAZETTEER_SOURCE: string = data.source;
