// Wall-clock dates and times in a named time zone, for forms that edit instants as the organisers
// think of them ("10 December, 10:00 Moscow time") and for showing them back. Pure.
import { utcOffsetMinutes } from '@/lib/zones';

export interface ZonedParts {
  /** yyyy-mm-dd, the value of <input type="date"> */
  date: string;
  /** hh:mm, the value of <input type="time"> */
  time: string;
}

/** The date and time an instant shows on a clock in `timeZone`. */
export function zonedParts(at: number, timeZone: string): ZonedParts {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** +180 -> "+03:00", -330 -> "-05:30". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * "2026-12-10" + "10:00" on a clock in `timeZone` -> "2026-12-10T10:00:00+03:00", with the offset
 * that zone has on that date (so a summer date gets summer time). Null for an incomplete input.
 */
export function zonedToIso(date: string, time: string, timeZone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall)) return null;
  // The offset depends on the instant, which depends on the offset: two rounds settle it.
  let offset = utcOffsetMinutes(timeZone, wall);
  offset = utcOffsetMinutes(timeZone, wall - offset * 60_000);
  return `${d[1]}-${d[2]}-${d[3]}T${t[1]}:${t[2]}:00${formatOffset(offset)}`;
}

/** "10.12.2026, 10:00" in the page language. */
export function formatZonedDateTime(at: number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** "08.12, 14:05": a recent moment, where the year goes without saying. */
export function formatZonedShort(at: number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** "129,73" in Russian, "129.73" in English: longitude as the entry form's hint asks for it. */
export function formatLongitude(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(value);
}

/** Every IANA zone the browser knows, for a <datalist>; a short list when it cannot say. */
export function knownTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [
      'Europe/Kaliningrad',
      'Europe/Moscow',
      'Europe/Minsk',
      'Europe/Samara',
      'Asia/Yekaterinburg',
      'Asia/Omsk',
      'Asia/Novosibirsk',
      'Asia/Krasnoyarsk',
      'Asia/Irkutsk',
      'Asia/Yakutsk',
      'Asia/Vladivostok',
      'Asia/Magadan',
      'Asia/Kamchatka',
    ];
  }
}
