// Type augmentation for next-intl: message keys and locales are checked at compile time.
// messages/ru/* is the reference; messages/en/* must have exactly the same keys.
import type { AppLocale } from './config';
import type { messages } from './messages';

type Ru = (typeof messages)['ru'];
type En = (typeof messages)['en'];

declare module 'next-intl' {
  interface AppConfig {
    Locale: AppLocale;
    Messages: Ru;
  }
}

// Fails to compile when the two catalogues drift apart (a key missing or extra in either).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type MessageCataloguesMatch = Assert<Same<Ru, En>>;
