// Locale settings shared by the server (i18n/request.ts) and client components (the locale switcher).
// Keep this file free of server-only imports.

export const locales = ['ru', 'en'] as const;
export type AppLocale = (typeof locales)[number];

export const defaultLocale: AppLocale = 'ru';

/** Cookie that holds the chosen locale; there is no locale segment in URLs. */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** Default zone for dates and times; event-specific views should pass the event's own timeZone. */
export const defaultTimeZone = 'Europe/Moscow';

/** Each locale's name in its own language, for the switcher. */
export const localeNames: Record<AppLocale, string> = { ru: 'Русский', en: 'English' };

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
