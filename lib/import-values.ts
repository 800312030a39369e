// Reading one cell of an imported list as the secretariat writes it: «3 мин» or «3:00» for a turn,
// «МСК+6», «UTC+9» or «Якутск» for a time zone, «ВКС» for online, «Беларусь» for BY. Pure: every
// function returns the value or an English message naming what was expected.
import type { EntryFields } from './protocol';
import { findPlace } from './gazetteer';
import { canonicalTimeZone, zoneForOffset } from './zones';

export type Parsed<T> = { value: T } | { error: string };

/** Accepts a decimal comma ('129,73'), a Unicode minus and spaces between digit groups. */
export function parseNumber(text: string): number | null {
  const t = text
    .replace(/[\s\u00a0]/g, '')
    .replace('\u2212', '-')
    .replace(',', '.');
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t) ? Number(t) : null;
}

const lower = (text: string) => text.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

const KINDS: Record<string, EntryFields['kind']> = { city: 'city', guest: 'guest', город: 'city', гость: 'guest', гости: 'guest' };
export function parseKind(text: string): Parsed<EntryFields['kind']> {
  const kind = KINDS[lower(text)];
  return kind ? { value: kind } : { error: `unknown value "${text.trim()}"; expected city/guest (город/гость)` };
}

/** Online: «онлайн», «дистанционно», «ВКС» (videoconference), «видеосвязь», «zoom»; in the hall: «очно», «в зале», «лично». */
export function parseAttendance(text: string): Parsed<EntryFields['attendance']> {
  const t = lower(text).replace(/[()«»".]/g, ' ');
  if (/\b(?:online|remote)\b|онлайн|дистанц|вкс|видео|zoom|заочн/.test(t)) return { value: 'online' };
  if (/\b(?:in[ _]person|in the hall|offline)\b|очн|в зале|лично|присутств/.test(t)) return { value: 'in_person' };
  return { error: `unknown value "${text.trim()}"; expected in_person/online (в зале/онлайн)` };
}

const COUNTRIES: Record<string, string> = {
  рф: 'RU',
  россия: 'RU',
  'российская федерация': 'RU',
  russia: 'RU',
  рб: 'BY',
  беларусь: 'BY',
  белоруссия: 'BY',
  'республика беларусь': 'BY',
  belarus: 'BY',
  казахстан: 'KZ',
  кыргызстан: 'KG',
  киргизия: 'KG',
  армения: 'AM',
  таджикистан: 'TJ',
  узбекистан: 'UZ',
  азербайджан: 'AZ',
  молдова: 'MD',
  молдавия: 'MD',
  туркменистан: 'TM',
  туркмения: 'TM',
};
export function parseCountry(text: string): string {
  return COUNTRIES[lower(text)] ?? text.trim().toUpperCase();
}

export type TurnUnit = 'seconds' | 'minutes';

/**
 * A turn's length in whole seconds: «180», «180 с», «3 мин», «2,5 мин», «1 мин 30 с», «3:00».
 * A bare number counts in `unit` (a column headed «…, мин» is in minutes).
 */
export function parseTurnLength(text: string, unit: TurnUnit = 'seconds'): Parsed<number> {
  const t = lower(text).replace(/\.(?=\s|$)/g, '');
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(t);
  if (clock) return { value: Number(clock[1]) * 60 + Number(clock[2]) };
  const parts =
    /^(?:(\d+(?:[.,]\d+)?)\s*(?:мин|минут[аы]?|min|mins|minutes?|м|m|'))?\s*(?:(\d+(?:[.,]\d+)?)\s*(?:с|сек|секунд[аы]?|s|sec|secs|seconds?|"))?$/.exec(
      t,
    );
  if (parts && (parts[1] || parts[2])) {
    const seconds = Number((parts[1] ?? '0').replace(',', '.')) * 60 + Number((parts[2] ?? '0').replace(',', '.'));
    return Number.isInteger(seconds) ? { value: seconds } : { error: 'must be a whole number of seconds' };
  }
  const bare = parseNumber(t);
  if (bare === null) return { error: `not a turn length: "${text.trim()}"; expected seconds (180), minutes (3 мин) or m:ss (3:00)` };
  const seconds = unit === 'minutes' ? bare * 60 : bare;
  if (!Number.isInteger(seconds)) return { error: 'must be a whole number of seconds' };
  // "3" under a seconds column is nearly always minutes meant: say so rather than "at least 10".
  if (unit === 'seconds' && seconds > 0 && seconds < 10)
    return { error: `${seconds} seconds is too short; for minutes write "${seconds} мин" or "${seconds}:00"` };
  return { value: seconds };
}

const OFFSET = /^(мск|msk|utc|gmt|всемирное)?\s*(?:([+\-−])\s*(\d{1,2})(?::?([0-5]\d))?)?$/i;

/**
 * A time zone as written: an IANA name («Asia/Yakutsk»), Moscow-relative («МСК+6», «МСК»),
 * UTC-relative («UTC+9», «GMT+3», «+9»), or a city («Якутск»). Offsets become the zone of `prefer`
 * (the row's own city) when it matches, else Russia's zone with that offset, worked out at `at`.
 */
export function parseTimeZone(text: string, at: number, prefer?: string): Parsed<string> {
  const written = text.trim();
  const iana = /^[A-Za-z_]+(?:\/[A-Za-z_+\-0-9]+)+$|^UTC$/i.test(written) ? canonicalTimeZone(written) : null;
  if (iana) return { value: iana };
  const m = OFFSET.exec(
    lower(written)
      .replace(/\s*(?:время|time)$/, '')
      .replace(/^московское$/, 'мск'),
  );
  if (m && (m[1] || m[2])) {
    const base = m[1] && /мск|msk/i.test(m[1]) ? 180 : 0;
    const sign = m[2] === '-' || m[2] === '−' ? -1 : 1;
    const minutes = base + sign * (Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
    const zone = zoneForOffset(minutes, at, prefer);
    if (zone) return { value: zone };
    return { error: `no time zone is ${written} on the event's date` };
  }
  const place = findPlace(written);
  if (place.kind === 'found') return { value: place.place.timeZone };
  if (place.kind === 'ambiguous' && new Set(place.places.map((p) => p.timeZone)).size === 1) return { value: place.places[0]!.timeZone };
  return { error: `unknown time zone "${written}"; expected an IANA name (Asia/Yakutsk), МСК+6, UTC+9 or a city` };
}
