// next-intl request configuration: picks the locale from the NEXT_LOCALE cookie (default: ru)
// and loads that locale's messages. Wired in by next.config.js (createNextIntlPlugin).
import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { defaultLocale, defaultTimeZone, isLocale, LOCALE_COOKIE } from './config';
import { messages } from './messages';

export default getRequestConfig(async () => {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(cookie) ? cookie : defaultLocale;
  return {
    locale,
    messages: messages[locale],
    timeZone: defaultTimeZone,
  };
});
