// next-intl request configuration: the locale is the export's own (ROLLCALL_BUILD_LOCALE, one static
// export per language, server/build-pages.ts) or, in development, the NEXT_LOCALE cookie (default: ru);
// it loads that locale's messages. Wired in by next.config.js (createNextIntlPlugin).
import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { defaultLocale, defaultTimeZone, isLocale, LOCALE_COOKIE } from './config';
import { messages } from './messages';

export default getRequestConfig(async () => {
  const chosen = process.env.ROLLCALL_BUILD_LOCALE ?? (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : defaultLocale;
  return {
    locale,
    messages: messages[locale],
    timeZone: defaultTimeZone,
  };
});
