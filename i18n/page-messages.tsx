// Each page's client components get only the catalogues they use, not all of them: the messages
// passed to NextIntlClientProvider are written into the page's HTML. A nested provider replaces
// the root layout's messages for its page; locale and time zone still come from i18n/request.ts.
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { Messages } from './messages';

/** The namespaces each page's client components read (`useTranslations('<namespace>…')`). */
export const PAGE_NAMESPACES = {
  /** The home and not-found pages: server-rendered text, and the locale switcher. */
  root: ['localeSwitcher'],
  screen: ['app', 'localeSwitcher', 'live', 'screen'],
  join: ['localeSwitcher', 'live', 'join'],
  console: ['localeSwitcher', 'live', 'moderator'],
  setup: ['localeSwitcher', 'live', 'moderator', 'setup'],
  report: ['localeSwitcher', 'live', 'moderator', 'report'],
} as const satisfies Record<string, readonly (keyof Messages)[]>;

export type PageName = keyof typeof PAGE_NAMESPACES;

export async function pageMessages(page: PageName): Promise<Partial<Messages>> {
  const all = await getMessages();
  return Object.fromEntries(PAGE_NAMESPACES[page].map((namespace) => [namespace, all[namespace]]));
}

/** Wraps a page (or a layout's pages) in a provider holding only `page`'s messages. */
export async function PageMessages({ page, children }: { page: PageName; children: ReactNode }) {
  return <NextIntlClientProvider messages={await pageMessages(page)}>{children}</NextIntlClientProvider>;
}
