// Time-zone arithmetic for the running order and local times. Pure: the instant is a parameter.

/** Minutes east of UTC that `timeZone` is at instant `at` (e.g. Asia/Yakutsk -> 540). */
export function utcOffsetMinutes(timeZone: string, at: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** The IANA name as the runtime spells it ("europe/moscow" -> "Europe/Moscow"), or null if unknown. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const MOSCOW_MINUTES = 180;

/** Russia's eleven zones, west to east, each with a city people know it by (Russian, English). */
export const RUSSIAN_ZONES = [
  { timeZone: 'Europe/Kaliningrad', ru: 'Калининград', en: 'Kaliningrad' },
  { timeZone: 'Europe/Moscow', ru: 'Москва, Санкт-Петербург', en: 'Moscow, Saint Petersburg' },
  { timeZone: 'Europe/Samara', ru: 'Самара, Ижевск', en: 'Samara, Izhevsk' },
  { timeZone: 'Asia/Yekaterinburg', ru: 'Екатеринбург, Пермь, Уфа', en: 'Yekaterinburg, Perm, Ufa' },
  { timeZone: 'Asia/Omsk', ru: 'Омск', en: 'Omsk' },
  { timeZone: 'Asia/Krasnoyarsk', ru: 'Красноярск, Новосибирск, Кемерово', en: 'Krasnoyarsk, Novosibirsk, Kemerovo' },
  { timeZone: 'Asia/Irkutsk', ru: 'Иркутск, Улан-Удэ', en: 'Irkutsk, Ulan-Ude' },
  { timeZone: 'Asia/Yakutsk', ru: 'Якутск, Чита, Благовещенск', en: 'Yakutsk, Chita, Blagoveshchensk' },
  { timeZone: 'Asia/Vladivostok', ru: 'Владивосток, Хабаровск', en: 'Vladivostok, Khabarovsk' },
  { timeZone: 'Asia/Magadan', ru: 'Магадан, Южно-Сахалинск', en: 'Magadan, Yuzhno-Sakhalinsk' },
  { timeZone: 'Asia/Kamchatka', ru: 'Петропавловск-Камчатский', en: 'Petropavlovsk-Kamchatsky' },
] as const;

/**
 * "МСК+7" / "MSK+7": how Russia tells its zones apart, by the difference from Moscow at `at`;
 * "МСК" for any zone on Moscow's clock (Minsk too), "МСК−1" for Kaliningrad.
 */
export function mskLabel(timeZone: string, at: number, locale: string): string {
  const msk = locale === 'en' ? 'MSK' : 'МСК';
  const diff = utcOffsetMinutes(timeZone, at) - MOSCOW_MINUTES;
  if (diff === 0) return msk;
  const abs = Math.abs(diff);
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  return `${msk}${diff > 0 ? '+' : '−'}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/** Whether two zones show the same clock time at `at` (Moscow and Minsk do). */
export const sameClock = (a: string, b: string, at: number) => utcOffsetMinutes(a, at) === utcOffsetMinutes(b, at);

/**
 * A zone that is `minutes` east of UTC at `at`: `prefer` when it is (the city's own zone), else
 * Russia's zone with that offset, else a fixed Etc/GMT zone for whole hours; null otherwise.
 */
export function zoneForOffset(minutes: number, at: number, prefer?: string): string | null {
  if (prefer && utcOffsetMinutes(prefer, at) === minutes) return prefer;
  const russian = RUSSIAN_ZONES.find((z) => utcOffsetMinutes(z.timeZone, at) === minutes);
  if (russian) return russian.timeZone;
  if (minutes % 60 !== 0 || Math.abs(minutes) > 14 * 60) return null;
  const hours = minutes / 60;
  // POSIX sign: Etc/GMT-5 is five hours east of UTC.
  return hours === 0 ? 'UTC' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}
