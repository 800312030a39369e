// Formatting of durations, clock faces and country names, shared by every screen and the reports.
import type { Entry } from './model';
import { clockTone, remainingMs, type ClockTone } from './time';

/** 125 -> "2:05", 3725 -> "1:02:05". */
export function formatSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Whole seconds of a duration, rounded down ("1:59" until two full minutes have passed). */
export function formatDuration(ms: number): string {
  return formatSeconds(Math.floor(Math.max(0, ms) / 1000));
}

const UNITS = { ru: ['ч', 'мин', 'с'], en: ['h', 'min', 's'] } as const;

/**
 * A duration in words for documents, where "1:52" would read as a time of day or as hours:
 * "1 мин 52 с", "45 с", "1 ч 5 мин 0 с" ("1 min 52 s" in English). Whole seconds, rounded down.
 */
export function formatDurationWords(ms: number, locale: string): string {
  const [h, m, s] = UNITS[locale === 'en' ? 'en' : 'ru'];
  const total = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours} ${h} ${minutes} ${m} ${seconds} ${s}`;
  return minutes > 0 ? `${minutes} ${m} ${seconds} ${s}` : `${seconds} ${s}`;
}

/** Signed drift: "+4:10" behind plan, "−1:30" ahead. */
export function formatDrift(ms: number): string {
  const sign = ms > 0 ? '+' : ms < 0 ? '−' : '';
  return sign + formatDuration(Math.abs(ms));
}

export interface CountdownFace {
  text: string;
  tone: ClockTone;
  /** Whole seconds shown, negative in overtime: screens flip together when this changes. */
  second: number;
}

/**
 * The countdown shows remaining time rounded up, so it reads 0:00 exactly when time runs out, and
 * then overtime counted up with a plus sign.
 */
export function countdownFace(entry: Entry, serverNow: number, warnMs: number): CountdownFace {
  const remaining = remainingMs(entry, serverNow);
  const tone = clockTone(remaining, warnMs);
  if (remaining >= 0) {
    const second = Math.ceil(remaining / 1000);
    return { text: formatSeconds(second), tone, second };
  }
  const over = Math.floor(-remaining / 1000);
  return { text: `+${formatSeconds(over)}`, tone, second: -over };
}

/** Local wall-clock time in a zone, e.g. "14:05". */
export function formatZonedTime(at: number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** "Беларусь" / "Belarus" for BY in the reader's language; the code itself when the runtime does not know it. */
export function countryName(code: string, locale: string): string {
  let names = regionNames.get(locale);
  if (!names) regionNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
